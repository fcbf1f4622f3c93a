using System.Runtime.CompilerServices;

namespace CoProdSim.Model.Production;

/// <summary>
/// The constant-elasticity-of-substitution production function of co-production
/// (Parks et al. 1981; Jakobsen &amp; Andersen 2013; docs/odd.md 7.5):
/// <c>Q = A [alpha (phi R)^rho + (1 - alpha) C^rho]^(1/rho)</c>, with <c>sigma = 1 / (1 - rho)</c>.
/// rho = 1: perfect substitutes; rho = 0: Cobb-Douglas (the limit, handled exactly); rho to minus infinity: Leontief.
/// Inputs are normalised: R in units of the baseline professional input, C in units of everyday co-production.
/// </summary>
public static class Ces
{
    /// <summary>rho from the elasticity of substitution sigma; sigma = 1 gives 0, very large sigma gives 1.</summary>
    public static double RhoFromSigma(double sigma) => sigma >= 1e9 ? 1.0 : 1.0 - 1.0 / sigma;

    /// <summary>Q for effective public input <paramref name="publicInput"/> (phi R) and citizen input <paramref name="citizenInput"/> (C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Output(double productivity, double alpha, double rho, double publicInput, double citizenInput)
    {
        if (double.IsNegativeInfinity(rho)) return productivity * Math.Min(publicInput, citizenInput); // Leontief
        if (Math.Abs(rho) < 1e-9) // Cobb-Douglas limit
            return productivity * Math.Pow(publicInput, alpha) * Math.Pow(citizenInput, 1 - alpha);
        if (rho < 0 && (publicInput <= 0 || citizenInput <= 0)) return 0; // complements: nothing without both
        double sum = alpha * Math.Pow(publicInput, rho) + (1 - alpha) * Math.Pow(citizenInput, rho);
        return productivity * Math.Pow(sum, 1 / rho);
    }

    /// <summary>Marginal product of citizen input, dQ/dC: what one more unit of citizen input adds.</summary>
    public static double MarginalCitizenProduct(double productivity, double alpha, double rho, double publicInput, double citizenInput) =>
        double.IsNegativeInfinity(rho)
            ? RelativeMarginalCitizenProduct(productivity, alpha, rho, publicInput, citizenInput)
            // dQ/dC = (1 - alpha) A^rho (Q / C)^(1 - rho)
            : (1 - alpha) * RelativeMarginalCitizenProduct(productivity, alpha, rho, publicInput, citizenInput);

    /// <summary>
    /// The marginal product of citizen input per unit of its CES weight, dQ/dC / (1 - alpha): the part of the marginal
    /// product that varies with the inputs. Ratios of marginal products in one domain do not depend on alpha, and
    /// this stays defined when alpha is 1 (citizen input then has no weight at all).
    /// </summary>
    public static double RelativeMarginalCitizenProduct(double productivity, double alpha, double rho, double publicInput, double citizenInput)
    {
        if (citizenInput <= 0) citizenInput = 1e-9;
        if (double.IsNegativeInfinity(rho)) return citizenInput < publicInput ? productivity : 0;
        double q = Output(productivity, alpha, rho, publicInput, citizenInput);
        if (Math.Abs(rho) < 1e-9) return q / citizenInput;
        return Math.Pow(productivity, rho) * Math.Pow(q / citizenInput, 1 - rho);
    }

    /// <summary>
    /// Cost-minimising citizen-to-public input ratio C/R for input prices <paramref name="publicWage"/> and
    /// <paramref name="citizenWage"/> plus coordination cost <paramref name="coordinationCost"/> (docs/odd.md 7.5):
    /// <c>C/R = [((1 - alpha)/alpha) (w_R / (w_C + k))]^sigma</c>.
    /// </summary>
    public static double EfficientInputRatio(double alpha, double sigma, double publicWage, double citizenWage, double coordinationCost) =>
        Math.Pow((1 - alpha) / alpha * (publicWage / (citizenWage + coordinationCost)), sigma);
}
