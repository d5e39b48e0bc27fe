using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Negotiation.Conversations.Language;
using Negotiation.Language;
using Negotiation.Language.Classifier;

namespace Negotiation.Bench;

/// <summary>
/// Embedded interpretation, per message, for each engine: each invocation reads the next of a fixed set of deal-channel
/// messages (short and long, every label), so the median is the p50 per message.
///   dotnet run -c Release --project bench/Negotiation.Bench -- interpreter
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class InterpreterBenchmarks
{
    private static readonly string[] Messages =
    [
        "we gave them net-60",
        "I told them we'd drop to $92k if that's what it takes to close this quarter",
        "they agreed to a 3-year term 🎉",
        "offered free onboarding in exchange for a case study",
        "should we offer 5%?",
        "call moved to 3pm, @dana can you send the deck",
        "Acme is asking for 15% off and net-90, we did NOT agree to either",
        "fyi Priya extended the pilot by 30 days. Legal is still on the MSA redlines; next sync Thursday. Lmk if the rebate tiers need another look before then.",
    ];

    private static readonly InterpretationContext Context = new(new DateOnly(2026, 3, 2));
    private readonly Dictionary<EngineChoice, EmbeddedInterpreter> engines = [];
    private int next;

    [Params(EngineChoice.Rules, EngineChoice.NGrams, EngineChoice.Embeddings, EngineChoice.Combined)]
    public EngineChoice Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var interpreter = new EmbeddedInterpreter(new LanguageOptions { Engine = Engine }, NullLogger<EmbeddedInterpreter>.Instance);
        _ = interpreter.EngineName;
        engines[Engine] = interpreter;
    }

    [GlobalCleanup]
    public void Cleanup() => engines[Engine].Dispose();

    [Benchmark]
    public async Task<Interpretation> InterpretOneMessage()
    {
        var text = Messages[next++ % Messages.Length];
        return await engines[Engine].InterpretAsync(text, Context);
    }

    /// <summary>Memory of this process with one engine loaded and warm: <c>-- language-memory ngrams</c>.</summary>
    public static async Task ReportMemoryAsync(EngineChoice engine)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var interpreter = new EmbeddedInterpreter(new LanguageOptions { Engine = engine }, NullLogger<EmbeddedInterpreter>.Instance);
        foreach (var message in Messages)
        {
            await interpreter.InterpretAsync(message, Context);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine($"{interpreter.EngineName}: managed heap +{(after - before) / 1048576.0:F1} MiB, process working set {process.WorkingSet64 / 1048576.0:F0} MiB");
    }
}
