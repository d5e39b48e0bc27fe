using Negotiation.Bot.Cli;

return await BotCli.RunAsync(args, Console.In, Console.Out, Console.Error).ConfigureAwait(false);

/// <summary>The entry point, public so tests can host it.</summary>
public partial class Program;
