using Microsoft.AspNetCore.DataProtection;
using Negotiation.Bot.Channels;
using Negotiation.Bot.Composition;
using Negotiation.Bot.DealRoom;
using Negotiation.Bot.LocalChannel;
using Negotiation.Bot.Workers;
using Negotiation.Conversations.Ports;
using Negotiation.Slack;
using Negotiation.Slack.Http;
using Negotiation.Slack.Install;
using Negotiation.Storage;
using Negotiation.Storage.Hosting;
using Negotiation.Storage.Inbox;
using Negotiation.Storage.Outbox;
using Negotiation.Teams;
using Negotiation.Teams.Api;
using Negotiation.Teams.Http;

namespace Negotiation.Bot.Hosting;

/// <summary>The web host: storage, the engine, the workers, and the endpoints of each channel.</summary>
public static class WebHost
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplication Build(string[] args)
    {
        // Settings files ship beside the binary; the working directory is the caller's.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var storage = Bind<StorageOptions>(builder.Configuration, StorageOptions.Section, o => o.Validate());
        var workers = Bind<WorkerOptions>(builder.Configuration, WorkerOptions.Section, o => o.Validate());
        var local = Bind<LocalChannelOptions>(builder.Configuration, LocalChannelOptions.Section, o => o.Validate());
        var slack = Bind<SlackOptions>(builder.Configuration, SlackOptions.Section, o => o.Validate());
        var room = Bind<DealRoomOptions>(builder.Configuration, DealRoomOptions.Section, o => o.Validate());
        var telemetry = Bind<TelemetryOptions>(builder.Configuration, TelemetryOptions.Section, o => o.Validate());
        var dataProtection = Bind<DataProtectionSettings>(builder.Configuration, DataProtectionSettings.Section, o => o.Validate());
        Bind<Conversations.ConversationOptions>(builder.Configuration, Conversations.ConversationOptions.Section, o => o.Validate());
        Bind<Language.LanguageOptions>(builder.Configuration, Language.LanguageOptions.Section, _ => []);
        Bind<Language.Llm.LlmOptions>(builder.Configuration, Language.Llm.LlmOptions.Section, o => o.Validate());
        var teams = Bind<TeamsOptions>(builder.Configuration, TeamsOptions.Section, o => o.Validate());

        var protection = builder.Services.AddDataProtection().SetApplicationName("negotiation-coach");
        if (dataProtection.KeysPath is { Length: > 0 } keys)
        {
            // Hosts that share a database must share these keys too, or one can't read another's encrypted tokens.
            protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        builder.Services.AddNegotiationStorage(storage);
        builder.Services.AddSingleton(workers);
        builder.Services.AddSingleton(local);
        builder.Services.AddSingleton<WorkSignals>();
        builder.Services.AddScoped<IInbox>(sp => new SignallingInbox(sp.GetRequiredService<EfInbox>(), sp.GetRequiredService<WorkSignals>(), sp.GetRequiredService<Conversations.Telemetry.CoachMetrics>()));
        builder.Services.AddCoachTelemetry(telemetry);
        if (!string.IsNullOrWhiteSpace(slack.BotToken))
        {
            builder.Services.AddSingleton<IReadinessCheck, SlackCredentialCheck>();
        }

        // Replies go to the chat channel of their platform.
        builder.Services.AddScoped<IChatChannel, ChatChannelRouter>();
        builder.Services.AddSingleton<LocalReplyLog>();
        builder.Services.AddHttpClient<LocalChatChannel>();
        builder.Services.AddKeyedScoped<IChatChannel>(LocalChannelEndpoints.Platform, (sp, _) => sp.GetRequiredService<LocalChatChannel>());
        builder.Services.AddScoped<ISlackInstallationStore, DbSlackInstallationStore>();
        builder.Services.AddDealRoom(room);

        builder.Services.AddNegotiationEngine(builder.Configuration);

        // Hosted services start in registration order: the schema is in place before any worker runs.
        builder.Services.AddHostedService<DatabaseMigrationService>();
        if (workers.ProcessInbox)
        {
            builder.Services.AddHostedService<InboxWorker>();
        }

        if (workers.SendOutbox)
        {
            builder.Services.AddHostedService<OutboxWorker>();
        }

        builder.Services.AddHostedService<RetentionWorker>();
        builder.Services.AddHostedService<LanguageWarmup>();

        // After the migration service: Socket Mode (a hosted service) must not take events before the schema exists.
        builder.Services.AddSlack(slack);
        builder.Services.AddScoped<ITeamsConversationStore, DbTeamsConversationStore>();
        builder.Services.AddTeams(teams);

        var app = builder.Build();
        app.UseCoachTelemetry(telemetry);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", ReadyAsync);
        app.MapLocalChannel();
        app.MapDealRoom();
        app.MapSlack();
        app.MapTeams();
        return app;
    }

    /// <summary>
    /// Ready when the database answers with every migration applied and no configured channel credential is
    /// rejected; the queue figures show what waits or was parked.
    /// </summary>
    private static async Task<IResult> ReadyAsync(
        StorageMaintenance storage, EfInbox inbox, EfOutbox outbox, [Microsoft.AspNetCore.Mvc.FromServices] IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken)
    {
        if (!await storage.IsReadyAsync(cancellationToken).ConfigureAwait(false))
        {
            return Results.Json(new { status = "unavailable", database = "unreachable or not migrated" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var (inboxPending, inboxParked) = await inbox.CountAsync(cancellationToken).ConfigureAwait(false);
        var (outboxPending, outboxParked) = await outbox.CountAsync(cancellationToken).ConfigureAwait(false);
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        var ready = true;
        foreach (var check in checks)
        {
            var result = await check.CheckAsync(cancellationToken).ConfigureAwait(false);
            credentials[check.Name] = result.Status;
            ready &= result.Ready;
        }

        return Results.Json(
            new
            {
                status = ready ? "ready" : "unavailable",
                database = "ok",
                credentials,
                inbox = new { pending = inboxPending, parked = inboxParked },
                outbox = new { pending = outboxPending, parked = outboxParked },
            },
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Binds a section and stops the host at start, naming the setting, when it is invalid.</summary>
    private static T Bind<T>(ConfigurationManager configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : new() => SettingsBinder.Bind(configuration, section, validate);
}
