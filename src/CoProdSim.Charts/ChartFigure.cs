using System.Text.Json.Nodes;
using Plotly.NET;

namespace CoProdSim.Charts;

/// <summary>A chart of the report: the question it answers, its Plotly figure, and how many traces it must show.</summary>
public sealed record ChartFigure(string Id, string Question, string Note, JsonObject Figure)
{
    /// <summary>The metric on the y axis, when one is: its scale is shared by every view of the chart and kept honest (<see cref="Scales"/>).</summary>
    public MetricView? Metric { get; init; }

    /// <summary>Number of traces in the figure (the browser test checks that many were drawn).</summary>
    public int Traces => (Figure["data"] as JsonArray)?.Count ?? 0;

    /// <summary>The layout every chart starts from: the question as title, axes with units, white background, the legend titled.</summary>
    private static JsonObject Layout(string question, string xTitle, string yTitle) => new()
    {
        ["title"] = new JsonObject { ["text"] = question, ["font"] = new JsonObject { ["size"] = 17 }, ["x"] = 0.01, ["xanchor"] = "left" },
        ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle }, ["zeroline"] = false, ["gridcolor"] = "#e5e5e5" },
        ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle }, ["zeroline"] = false, ["gridcolor"] = "#e5e5e5" },
        ["legend"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "strategy" } },
        ["plot_bgcolor"] = "white",
        ["paper_bgcolor"] = "white",
        ["margin"] = new JsonObject { ["l"] = 70, ["r"] = 20, ["t"] = 60, ["b"] = 60 },
        ["height"] = 430,
        ["hovermode"] = "x unified",
        ["font"] = new JsonObject { ["family"] = "Segoe UI, Helvetica, Arial, sans-serif", ["size"] = 13, ["color"] = "#222" },
    };

    /// <summary>A figure from traces written as Plotly JSON.</summary>
    public static ChartFigure Of(string id, string question, string xTitle, string yTitle, IEnumerable<JsonObject> traces, string note = "", Action<JsonObject>? layout = null)
    {
        JsonObject l = Layout(question, xTitle, yTitle);
        layout?.Invoke(l);
        var figure = new JsonObject { ["data"] = new JsonArray(traces.Cast<JsonNode>().ToArray()), ["layout"] = l };
        return new ChartFigure(id, question, note, figure);
    }

    /// <summary>
    /// Builds a figure from Plotly.NET charts: Plotly.NET makes the traces; the layout (title, axes with units, legend)
    /// is set on the figure's JSON, which keeps F# optional arguments out of C#.
    /// </summary>
    public static ChartFigure From(string id, string question, string xTitle, string yTitle, IEnumerable<GenericChart> charts, string note = "", Action<JsonObject>? layout = null)
    {
        GenericChart combined = Plotly.NET.CSharp.Chart.Combine(charts);
        var figure = JsonNode.Parse(GenericChart.toFigureJson(combined))!.AsObject();
        JsonObject l = Layout(question, xTitle, yTitle);
        layout?.Invoke(l);
        figure["layout"] = l;
        figure.Remove("frames");
        return new ChartFigure(id, question, note, figure);
    }
}
