using Clinic.Database;

return await Cli.RunAsync(args, Console.Out, Console.Error);
