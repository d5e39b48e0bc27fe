using Negotiation.Bot.Composition;

namespace Negotiation.Bot.Hosting;

/// <summary>The web host: adapters map their endpoints here as they arrive.</summary>
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

        builder.Services.AddNegotiationEngine(builder.Configuration);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/", () => Results.Text("Negotiation Coach is running. Health: /healthz\n"));
        return app;
    }
}
