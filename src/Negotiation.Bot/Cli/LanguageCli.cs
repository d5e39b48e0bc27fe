using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Negotiation.Conversations.Language;
using Negotiation.Domain.Moves;
using Negotiation.Language;
using Negotiation.Language.Classifier;
using Negotiation.Language.Rephrasing;

namespace Negotiation.Bot.Cli;

/// <summary>
/// The language commands: <c>interpret</c>, <c>rephrase</c> (one text, or <c>--file</c> JSON Lines with ids),
/// <c>eval</c> (accuracy, macro-F1, per-label scores and the confusion matrix of a labelled file) and <c>train</c>.
/// </summary>
internal static class LanguageCli
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<Command> Commands(TextWriter output, TextWriter error)
    {
        var format = new Option<OutputFormat>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => OutputFormat.Text };
        var engine = new Option<EngineChoice>("--engine") { Description = "auto (default: the shipped default model), ngrams, embeddings, combined or rules", DefaultValueFactory = _ => EngineChoice.Auto };
        var file = new Option<string?>("--file") { Description = "JSON Lines input, each line {\"id\": …, \"text\": \"…\"}; one JSON result per line, same id" };
        var text = new Argument<string?>("TEXT") { Description = "The message", Arity = ArgumentArity.ZeroOrOne };

        var interpret = new Command("interpret", "Label a message: label, confidence, term, amounts, x (our give) and y (their get)") { text, format, file, engine };
        interpret.SetAction((parse, ct) => RunAsync(parse.GetValue(text), parse.GetValue(file), parse.GetValue(format), parse.GetValue(engine), Interpret, output, error, ct));

        var rephrase = new Command("rephrase", "Rewrite a give as \"If we X, could you Y?\", or say why it can't") { text, format, file, engine };
        rephrase.SetAction((parse, ct) => RunAsync(parse.GetValue(text), parse.GetValue(file), parse.GetValue(format), parse.GetValue(engine), Rephrase, output, error, ct));

        var data = new Argument<string>("FILE") { Description = "JSON Lines, each {\"text\": \"…\", \"label\": \"give|get|trade|proposal|other\"}" };
        var eval = new Command("eval", "Score the engine on a labelled file: accuracy, macro-F1, per-label precision/recall/F1, confusion") { data, format, engine };
        eval.SetAction((parse, ct) => EvalAsync(parse.GetValue(data)!, parse.GetValue(format), parse.GetValue(engine), output, error, ct));

        var dataDir = new Option<string>("--data") { Description = "Folder with train.jsonl and dev.jsonl", DefaultValueFactory = _ => "data" };
        var outDir = new Option<string>("--out") { Description = "Where the models and their cards are written", DefaultValueFactory = _ => "src/Negotiation.Language/Models" };
        var only = new Option<FeatureSet[]>("--features") { Description = "Which classifiers to train (default: all); the others' models are kept", AllowMultipleArgumentsPerToken = true };
        var mistakes = new Option<string?>("--mistakes") { Description = "Write each chosen model's out-of-fold errors here (JSON Lines), for reviewing data and labels" };
        var train = new Command("train", "Train the classifiers on train.jsonl + dev.jsonl, tuned by cross-validation; mark the best as default") { dataDir, outDir, only, mistakes };
        train.SetAction(parse => Train(parse.GetValue(dataDir)!, parse.GetValue(outDir)!, parse.GetValue(only) is { Length: > 0 } chosen ? chosen : Enum.GetValues<FeatureSet>(), parse.GetValue(mistakes), output, error));

        return [interpret, rephrase, eval, train];
    }

    private delegate Task<JsonObject> Operation(IMessageInterpreter interpreter, string text, CancellationToken cancellationToken);

    private static async Task<int> RunAsync(string? text, string? file, OutputFormat format, EngineChoice engine, Operation operation, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if ((text is null) == (file is null))
        {
            await error.WriteLineAsync("Give either TEXT or --file FILE.jsonl.").ConfigureAwait(false);
            return BotCli.FileError;
        }

        if (text is not null)
        {
            using var single = Engine(engine, error);
            var result = await operation(single, text, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(format == OutputFormat.Json ? result.ToJsonString(Json) : Readable(result)).ConfigureAwait(false);
            return 0;
        }

        // The whole file is checked before the engine loads or anything is written.
        if (ReadInput(file!, ReadItems, error) is not { } items)
        {
            return BotCli.FileError;
        }

        using var interpreter = Engine(engine, error);
        foreach (var (id, itemText) in items)
        {
            var result = await operation(interpreter, itemText, cancellationToken).ConfigureAwait(false);
            var line = new JsonObject { ["id"] = id?.DeepClone() };
            foreach (var (key, value) in result)
            {
                line[key] = value?.DeepClone();
            }

            await output.WriteLineAsync(line.ToJsonString(Json)).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<JsonObject> Interpret(IMessageInterpreter interpreter, string text, CancellationToken cancellationToken)
    {
        var understood = await interpreter.InterpretAsync(text, Context(), cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["label"] = LabelledData.Name(understood.Label),
            ["confidence"] = Math.Round(understood.Confidence, 3),
            ["term"] = TermName(understood.Term),
            ["amounts"] = new JsonArray([.. understood.Amounts.Select(AmountJson)]),
            ["x"] = understood.GiveText,
            ["y"] = understood.GetText,
        };
    }

    private static async Task<JsonObject> Rephrase(IMessageInterpreter interpreter, string text, CancellationToken cancellationToken)
    {
        var understood = await interpreter.InterpretAsync(text, Context(), cancellationToken).ConfigureAwait(false);
        var rephrased = TemplateRephraser.Rephrase(TemplateRephraser.RequestFor(text, understood, []));
        return rephrased.Succeeded
            ? new JsonObject { ["ok"] = true, ["x"] = rephrased.Give, ["y"] = rephrased.Ask, ["text"] = rephrased.Sentence }
            : new JsonObject { ["ok"] = false, ["reason"] = rephrased.RefusalReason };
    }

    private static async Task<int> EvalAsync(string path, OutputFormat format, EngineChoice engine, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (ReadInput(path, LabelledData.ReadFile, error) is not { } rows)
        {
            return BotCli.FileError;
        }

        using var interpreter = Engine(engine, error);
        var pairs = new List<(MessageLabel, MessageLabel)>(rows.Count);
        foreach (var row in rows)
        {
            var understood = await interpreter.InterpretAsync(row.Text, Context(), cancellationToken).ConfigureAwait(false);
            pairs.Add((row.Label, understood.Label));
        }

        var evaluation = Evaluation.Of(pairs);
        await output.WriteLineAsync(format == OutputFormat.Json ? EvaluationJson(evaluation).ToJsonString(Json) : EvaluationText(evaluation)).ConfigureAwait(false);
        return 0;
    }

    private static int Train(string dataDir, string outDir, FeatureSet[] featureSets, string? mistakesPath, TextWriter output, TextWriter error)
    {
        if (ReadInput(Path.Combine(dataDir, "train.jsonl"), DataFile.Read, error) is not { } trainFile
            || ReadInput(Path.Combine(dataDir, "dev.jsonl"), DataFile.Read, error) is not { } devFile)
        {
            return BotCli.FileError;
        }

        IReadOnlyList<LabelledMessage> pool = [.. trainFile.Rows, .. devFile.Rows];
        var sha = ModelCard.DataHash(trainFile.Bytes, devFile.Bytes);
        Directory.CreateDirectory(outDir);
        using var embedder = new MiniLmEmbedder();
        using var mistakes = mistakesPath is null ? null : new StreamWriter(mistakesPath);
        foreach (var features in featureSets.Distinct())
        {
            output.WriteLine($"training {features} on {pool.Count} rows (train + dev), tuned by {MessageClassifier.Folds}-fold cross-validation");
            using var classifier = MessageClassifier.Train(pool, features, embedder, sha, output, mistakes);
            var name = Path.Combine(outDir, ModelCard.FileName(features));
            using (var zip = File.Create(name + ".zip"))
            {
                classifier.Save(zip);
            }

            WriteCard(name + ".json", classifier.Card);
        }

        // The default is the best cross-validated among every model in the folder; ties go to the cheaper one (n-grams first).
        var cards = Enum.GetValues<FeatureSet>()
            .Select(f => Path.Combine(outDir, ModelCard.FileName(f) + ".json"))
            .Where(File.Exists)
            .Select(path => (Path: path, Card: JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), ModelCard.Json)!))
            .ToList();
        var best = cards.OrderByDescending(c => Math.Round(c.Card.TuningMacroF1, 3)).ThenBy(c => c.Card.Features).First();
        foreach (var (path, card) in cards)
        {
            var marked = card with { Default = path == best.Path };
            WriteCard(path, marked);
            output.WriteLine($"{card.Features}: cross-validated macro-F1 {card.TuningMacroF1:F3}, give precision {card.TuningGivePrecision:F3}, recall {card.TuningGiveRecall:F3}, give thresholds {card.GiveThreshold:F2} / {card.GiveThresholdWithRules:F2} with the rules{(marked.Default ? " (default)" : "")}");
        }

        return 0;
    }

    private static void WriteCard(string path, ModelCard card) => File.WriteAllText(path, JsonSerializer.Serialize(card, ModelCard.Json) + "\n");

    /// <summary>A data file read once: its rows, and its bytes for the hash the model card carries.</summary>
    private sealed record DataFile(byte[] Bytes, IReadOnlyList<LabelledMessage> Rows)
    {
        public static DataFile Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            return new DataFile(bytes, LabelledData.Read(bytes));
        }
    }

    /// <summary>Reads an input file; on a bad line or an unreadable file, says which and why on standard error and returns null.</summary>
    private static T? ReadInput<T>(string path, Func<string, T> read, TextWriter error)
        where T : class
    {
        try
        {
            return read(path);
        }
        catch (LabelledDataException e)
        {
            error.WriteLine($"{path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            error.WriteLine($"can't read \"{path}\": {e.Message}");
        }

        return null;
    }

    private static EmbeddedInterpreter Engine(EngineChoice choice, TextWriter error)
    {
        var logger = new Microsoft.Extensions.Logging.Abstractions.NullLogger<EmbeddedInterpreter>();
        var interpreter = new EmbeddedInterpreter(new LanguageOptions { Engine = choice }, logger);
        if (choice != EngineChoice.Rules && interpreter.EngineName == "rules")
        {
            error.WriteLine("note: no trained model could load; using the rule engine");
        }

        return interpreter;
    }

    private static InterpretationContext Context() => new(DateOnly.FromDateTime(DateTime.UtcNow));

    private static List<(JsonNode? Id, string Text)> ReadItems(string path)
    {
        var items = new List<(JsonNode?, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                throw new LabelledDataException(number, "not valid JSON");
            }

            if (node is not JsonObject item || item["text"] is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                throw new LabelledDataException(number, "each line must be an object with a string \"text\"");
            }

            items.Add((item["id"], text));
        }

        return items;
    }

    private static JsonObject AmountJson(Amount amount) => new()
    {
        ["kind"] = amount.Kind.ToString().ToLowerInvariant(),
        ["value"] = amount.Kind == AmountKind.Date ? null : amount.Value,
        ["unit"] = amount.Unit,
        ["date"] = amount.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["text"] = amount.ToString(),
    };

    private static string TermName(Term term) => term.ToString() switch
    {
        "PaymentTerms" => "payment_terms",
        "ServiceLevel" => "service_level",
        "ContractLength" => "contract_length",
        var name => name.ToLowerInvariant(),
    };

    private static string Readable(JsonObject result) =>
        string.Join("  ", result.Where(p => p.Value is not null).Select(p => $"{p.Key}: {(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString(Json))}"));

    private static JsonObject EvaluationJson(Evaluation e) => new()
    {
        ["n"] = e.N,
        ["accuracy"] = Math.Round(e.Accuracy, 4),
        ["macro_f1"] = Math.Round(e.MacroF1, 4),
        ["labels"] = new JsonObject(Evaluation.AllLabels.Select(l => KeyValuePair.Create<string, JsonNode?>(LabelledData.Name(l), new JsonObject
        {
            ["precision"] = Math.Round(e.Labels[l].Precision, 4),
            ["recall"] = Math.Round(e.Labels[l].Recall, 4),
            ["f1"] = Math.Round(e.Labels[l].F1, 4),
            ["support"] = e.Labels[l].Support,
        }))),
        ["confusion"] = new JsonObject(Evaluation.AllLabels.Select(g => KeyValuePair.Create<string, JsonNode?>(
            LabelledData.Name(g),
            new JsonObject(Evaluation.AllLabels.Select(p => KeyValuePair.Create<string, JsonNode?>(LabelledData.Name(p), e.Confusion[g][p])))))),
    };

    private static string EvaluationText(Evaluation e)
    {
        var culture = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(culture, $"n {e.N}   accuracy {e.Accuracy:F3}   macro-F1 {e.MacroF1:F3}"),
            "",
            string.Create(culture, $"{"label",-10}{"precision",10}{"recall",8}{"f1",8}{"support",9}"),
        };
        lines.AddRange(Evaluation.AllLabels.Select(l => string.Create(culture, $"{LabelledData.Name(l),-10}{e.Labels[l].Precision,10:F3}{e.Labels[l].Recall,8:F3}{e.Labels[l].F1,8:F3}{e.Labels[l].Support,9}")));
        lines.Add("");
        lines.Add("confusion (rows: gold, columns: predicted)");
        lines.Add($"{"",-10}" + string.Concat(Evaluation.AllLabels.Select(l => $"{LabelledData.Name(l),9}")));
        lines.AddRange(Evaluation.AllLabels.Select(g => $"{LabelledData.Name(g),-10}" + string.Concat(Evaluation.AllLabels.Select(p => string.Create(culture, $"{e.Confusion[g][p],9}")))));
        return string.Join('\n', lines);
    }
}
