using System.Globalization;
using System.Text.Json;
using Negotiation.Bot.Hosting;
using Negotiation.Bot.LocalChannel;
using Negotiation.Bot.Workers;
using Negotiation.Conversations;
using Negotiation.Slack;
using Negotiation.Storage;

namespace Negotiation.Bot.Tests.Hosting;

/// <summary>appsettings.sample.json documents every setting there is, each with a description, and nothing that isn't one.</summary>
public class SettingsSampleTests
{
    /// <summary>The sections bound to an options type on this host.</summary>
    private static readonly Dictionary<string, Type> Bound = new(StringComparer.Ordinal)
    {
        [StorageOptions.Section] = typeof(StorageOptions),
        [WorkerOptions.Section] = typeof(WorkerOptions),
        [LocalChannelOptions.Section] = typeof(LocalChannelOptions),
        [SlackOptions.Section] = typeof(SlackOptions),
        [ConversationOptions.Section] = typeof(ConversationOptions),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
        [DataProtectionSettings.Section] = typeof(DataProtectionSettings),
        [Negotiation.Bot.DealRoom.DealRoomOptions.Section] = typeof(Negotiation.Bot.DealRoom.DealRoomOptions),
        [Negotiation.Language.LanguageOptions.Section] = typeof(Negotiation.Language.LanguageOptions),
        [Negotiation.Language.Llm.LlmOptions.Section] = typeof(Negotiation.Language.Llm.LlmOptions),
        [Negotiation.Teams.TeamsOptions.Section] = typeof(Negotiation.Teams.TeamsOptions),
    };

    /// <summary>Settings of ASP.NET Core itself.</summary>
    private static readonly string[] Framework = ["Urls", "Logging"];

    private static readonly string[] SecretNames = ["SigningSecret", "BotToken", "ClientSecret", "AppToken", "AppPassword", "ApiKey", "CertificatePassword"];

    private static JsonElement Sample()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("appsettings.sample.json")));
        return json.RootElement.Clone();
    }

    private static IEnumerable<JsonProperty> Settings(JsonElement section) =>
        section.EnumerateObject().Where(p => !p.Name.StartsWith(SettingsBinder.DescriptionPrefix, StringComparison.Ordinal));

    [Fact]
    public void Sample_EveryKeyBindsToARealOptionProperty()
    {
        var problems = new List<string>();
        foreach (var section in Settings(Sample()))
        {
            if (Bound.TryGetValue(section.Name, out var type))
            {
                problems.AddRange(Unbound(section.Value, type, section.Name));
            }
            else if (!Framework.Contains(section.Name))
            {
                problems.Add($"{section.Name} is no section of the host");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Sample_DocumentsEveryOptionOfEverySection()
    {
        var sample = Sample();
        var missing = new List<string>();
        foreach (var (name, type) in Bound)
        {
            if (!sample.TryGetProperty(name, out var section))
            {
                missing.Add(name);
                continue;
            }

            missing.AddRange(Undocumented(section, type, name));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Sample_EverySettingHasADescription()
    {
        var undescribed = new List<string>();
        foreach (var section in Settings(Sample()).Where(s => s.Value.ValueKind == JsonValueKind.Object && s.Name != "Logging"))
        {
            undescribed.AddRange(Undescribed(section.Value, section.Name));
        }

        Assert.Empty(undescribed);
    }

    [Fact]
    public void Sample_AndShippedSettings_HoldNoSecretValues()
    {
        foreach (var file in new[] { Repository.PathOf("appsettings.sample.json"), Repository.PathOf("src", "Negotiation.Bot", "appsettings.json") })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var section in json.RootElement.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var secret in Settings(section.Value).Where(p => SecretNames.Contains(p.Name)))
                {
                    Assert.True(secret.Value.ValueKind == JsonValueKind.Null, $"{Path.GetFileName(file)}: {section.Name}:{secret.Name} must be null; secrets go in the environment or user-secrets.");
                }
            }
        }
    }

    [Fact]
    public async Task Sample_AsItIs_IsAValidConfigurationTheHostStartsWith()
    {
        var folder = Path.Combine(Path.GetTempPath(), "negotiation-sample-tests", Guid.NewGuid().ToString("N"));
        var args = new List<string>();
        foreach (var section in Settings(Sample()).Where(s => Bound.ContainsKey(s.Name)))
        {
            Flatten(section.Value, section.Name, args);
        }

        await using (var host = await TestHost.StartAsync([.. args, .. TestHost.Sqlite(folder)]))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static IEnumerable<string> Unbound(JsonElement section, Type type, string path)
    {
        foreach (var setting in Settings(section))
        {
            var property = SettingsBinder.Property(type, setting.Name);
            if (property is null)
            {
                yield return $"{path}:{setting.Name} binds to no property of {type.Name}";
            }
            else if (SettingsBinder.IsNestedOptions(property.PropertyType) && setting.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var problem in Unbound(setting.Value, property.PropertyType, $"{path}:{setting.Name}"))
                {
                    yield return problem;
                }
            }
        }
    }

    private static IEnumerable<string> Undocumented(JsonElement section, Type type, string path)
    {
        foreach (var name in SettingsBinder.SettingNames(type))
        {
            if (!section.TryGetProperty(name, out var value))
            {
                yield return $"{path}:{name}";
            }
            else if (SettingsBinder.Property(type, name) is { } property && SettingsBinder.IsNestedOptions(property.PropertyType))
            {
                foreach (var missing in Undocumented(value, property.PropertyType, $"{path}:{name}"))
                {
                    yield return missing;
                }
            }
        }
    }

    private static IEnumerable<string> Undescribed(JsonElement section, string path)
    {
        foreach (var setting in Settings(section))
        {
            if (setting.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in Undescribed(setting.Value, $"{path}:{setting.Name}"))
                {
                    yield return inner;
                }
            }
            else if (!section.TryGetProperty(SettingsBinder.DescriptionPrefix + setting.Name, out var description) || description.GetString() is not { Length: > 10 })
            {
                yield return $"{path}:{setting.Name}";
            }
        }
    }

    private static void Flatten(JsonElement value, string path, List<string> args)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in Settings(value))
                {
                    Flatten(p.Value, $"{path}:{p.Name}", args);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(item, $"{path}:{i++.ToString(CultureInfo.InvariantCulture)}", args);
                }

                break;
            case JsonValueKind.Null:
                break;
            default:
                args.Add($"--{path}={(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}");
                break;
        }
    }
}

/// <summary>Local secrets have a home outside the repository: the host carries a user-secrets id.</summary>
public class UserSecretsTests
{
    [Fact]
    public void Host_HasAUserSecretsId()
    {
        var attribute = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Microsoft.Extensions.Configuration.UserSecrets.UserSecretsIdAttribute>(typeof(WebHost).Assembly);

        Assert.NotNull(attribute);
        Assert.False(string.IsNullOrWhiteSpace(attribute.UserSecretsId));
    }
}
