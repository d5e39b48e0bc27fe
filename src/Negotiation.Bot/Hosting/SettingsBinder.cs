using System.Reflection;

namespace Negotiation.Bot.Hosting;

/// <summary>
/// Binds a configuration section to its options type and stops the host at start when anything is wrong, naming
/// the setting and how to fix it: a value that doesn't convert, a key no option has (a typo would otherwise be
/// ignored silently), or a value the options reject.
/// </summary>
public static class SettingsBinder
{
    /// <summary>Keys starting with this are descriptions (<c>"$Provider": "…"</c>), as in appsettings.sample.json.</summary>
    public const string DescriptionPrefix = "$";

    /// <summary>How every settings error begins.</summary>
    public const string ErrorPrefix = "Invalid settings in ";

    public static T Bind<T>(IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validate);
        var options = new T();
        var problems = new List<string>();
        var values = configuration.GetSection(section);
        problems.AddRange(UnknownKeys(values, typeof(T)));
        try
        {
            values.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the path and the type, e.g. "… at 'Workers:InboxConcurrency' to type 'System.Int32'".
            problems.Add(e.Message + " Fix the value or leave it out for the default (see appsettings.sample.json).");
        }

        if (problems.Count == 0)
        {
            problems.AddRange(validate(options));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{ErrorPrefix}\"{section}\":\n- " + string.Join("\n- ", problems));
        }

        return options;
    }

    /// <summary>The settings an options type takes: its public writable (or collection) properties, nested types by path.</summary>
    public static IEnumerable<string> SettingNames(Type type) => Properties(type).Select(p => p.Name);

    /// <summary>The property a key binds to, case-insensitively as the configuration binder does; null when none.</summary>
    public static PropertyInfo? Property(Type type, string key) =>
        Properties(type).FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for options types whose keys are checked one level down (e.g. <c>Telemetry:Prometheus</c>).</summary>
    public static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || (typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string)));

    private static IEnumerable<string> UnknownKeys(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Key.StartsWith(DescriptionPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var property = Property(type, child.Key);
            if (property is null)
            {
                yield return $"{child.Path} is not a setting. {section.Key} takes: {string.Join(", ", SettingNames(type))} (check the spelling; see appsettings.sample.json).";
            }
            else if (IsNestedOptions(property.PropertyType))
            {
                foreach (var problem in UnknownKeys(child, property.PropertyType))
                {
                    yield return problem;
                }
            }
        }
    }
}
