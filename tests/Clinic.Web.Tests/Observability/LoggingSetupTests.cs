using System.Diagnostics;
using System.Text.Json;
using Clinic.Web.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clinic.Web.Tests.Observability;

/// <summary>LoggingSetup and appsettings.json: log lines carry the current trace's TraceId and SpanId.</summary>
public class LoggingSetupTests
{
    [Test]
    public void A_line_logged_inside_a_trace_carries_its_trace_and_span_ids()
    {
        var sink = new ScopeSink();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().AddProvider(sink));
        services.AddClinicLogging();
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILogger<LoggingSetupTests>>();

        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        logger.LogWarning("something happened");

        Assert.That(sink.Lines, Has.Count.EqualTo(1));
        var scope = sink.Lines[0];
        Assert.That(scope["TraceId"], Is.EqualTo(activity.TraceId.ToHexString()));
        Assert.That(scope["SpanId"], Is.EqualTo(activity.SpanId.ToHexString()));
    }

    [Test]
    public void The_console_writes_json_lines_with_their_scopes()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Clinic.sln")))
            dir = dir.Parent;
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir!.FullName, "src", "Clinic.Web", "appsettings.json")));
        var console = settings.RootElement.GetProperty("Logging").GetProperty("Console");
        Assert.That(console.GetProperty("FormatterName").GetString(), Is.EqualTo("json"));
        Assert.That(console.GetProperty("FormatterOptions").GetProperty("IncludeScopes").GetBoolean(), Is.True);
    }

    /// <summary>A logger provider that keeps, per line, the scope values it was written under.</summary>
    private sealed class ScopeSink : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public List<Dictionary<string, string?>> Lines { get; } = [];

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => sink._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new Dictionary<string, string?>();
                sink._scopes.ForEachScope((scope, acc) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var pair in pairs)
                            acc[pair.Key] = pair.Value?.ToString();
                }, values);
                sink.Lines.Add(values);
            }
        }
    }
}
