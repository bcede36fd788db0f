using Clinic.Data.Accounts;
using Clinic.Data.Auth;
using Clinic.Data.Common;
using Clinic.Data.Patients;
using Clinic.Data.Queue;
using Clinic.Data.Scheduling;
using Clinic.Data.Settings;
using Clinic.Data.Staff;
using Clinic.Database.Provisioning;
using Dapper;
using DotNet.Testcontainers.Builders;
using MySqlConnector;
using Testcontainers.MySql;

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// One freshly provisioned database for every test in this namespace. The server comes from
/// CLINIC_TEST_ADMIN_DB (a server administrator's connection string; scripts/test.sh sets it for
/// MariaDB and for MySQL in turn) or, where Docker runs, from a Testcontainers MySQL 8.4. Without
/// either, the tests are ignored locally and FAIL in CI (CI=true): they must never be skipped there.
/// </summary>
[SetUpFixture]
public sealed class DatabaseFixture
{
    private static MySqlContainer? _container;
    private static readonly List<string> Databases = [];

    public static string AdminConnectionString { get; private set; } = "";
    public static TestDatabase Main { get; private set; } = null!;
    public static string ServerVersion { get; private set; } = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        AdminConnectionString = Environment.GetEnvironmentVariable("CLINIC_TEST_ADMIN_DB") ?? "";
        if (AdminConnectionString.Length == 0)
        {
            try
            {
                _container = new MySqlBuilder("mysql:8.4")
                    .WithCommand("--log-bin-trust-function-creators=1", "--max-connections=300")
                    .WithUsername("root").WithPassword("root")
                    .Build();
                await _container.StartAsync();
                AdminConnectionString = _container.GetConnectionString();
            }
            catch (Exception ex) when (ex is DockerUnavailableException || ex.InnerException is DockerUnavailableException)
            {
                const string why = "No database server: set CLINIC_TEST_ADMIN_DB (scripts/test.sh does) or run Docker.";
                if (Environment.GetEnvironmentVariable("CI") == "true")
                    Assert.Fail(why);
                Assert.Ignore(why);
            }
        }

        await using (var connection = new MySqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            ServerVersion = await connection.ExecuteScalarAsync<string>("SELECT VERSION()") ?? "";
        }
        Main = await ProvisionAsync(null, recyclable: false); // never released: no snapshot to take
        TestContext.Progress.WriteLine($"Database tests on {ServerVersion}, database {Main.Name}");
    }

    /// <summary>
    /// A database as freshly provisioned and migrated, with its own three accounts. Provisioning takes 2-4 s of server
    /// CPU (about 100 tables, 270 triggers, 370 routines and their grants), so a finished test's database is put back
    /// as provisioned and given to the next test that asks (<see cref="DatabaseRecycler"/>); only when none is
    /// ready is a new one provisioned, and then the fixture keeps <see cref="PoolDepth"/> database provisioning ahead
    /// while the tests run. More would only be thrown away at the end: the suite keeps both cores busy.
    /// </summary>
    /// <param name="catalog">The scripts to apply: the current db/ unless given (a frozen release's, for the upgrade test).</param>
    public static async Task<TestDatabase> CreateDatabaseAsync(IReadOnlyList<Clinic.Database.Migrations.CatalogScript>? catalog = null)
    {
        if (catalog is not null)
            return Own(await ProvisionAsync(catalog));
        // A finished test's database, put back as provisioned (DatabaseRecycler), before a new one.
        while (true)
        {
            Task<TestDatabase?>? recycled = null;
            lock (Pool)
                if (Recycled.Count > 0)
                    recycled = Recycled.Dequeue();
            if (recycled is null)
                break;
            if (await recycled is { } db)
                return Own(db);
        }
        Task<TestDatabase> next;
        lock (Pool)
        {
            while (Pool.Count <= PoolDepth)
                Pool.Enqueue(Task.Run(() => ProvisionAsync(null)));
            next = Pool.Dequeue();
        }
        return Own(await next);
    }

    /// <summary>
    /// The database belongs to the test (or, from a OneTimeSetUp, the fixture) that asked for it, and is dropped, with
    /// its accounts, as soon as that test or fixture is done (<see cref="DropTestDatabasesAttribute"/>). Without that the
    /// server would hold every database of the run until the end, and on MySQL each GRANT re-reads every routine grant
    /// of the server: provisioning the 80th database took several times as long as the first.
    /// </summary>
    private static TestDatabase Own(TestDatabase db)
    {
        var owner = TestContext.CurrentContext.Test.ID;
        if (!string.IsNullOrEmpty(owner))
            lock (Owned)
                Owned.Add((owner, db));
        return db;
    }

    private static readonly List<(string Owner, TestDatabase Db)> Owned = [];
    private static readonly List<Task> Drops = [];

    /// <summary>Drops, in the background, the databases the finished test or fixture asked for.</summary>
    internal static void Release(string owner)
    {
        List<TestDatabase> done;
        lock (Owned)
        {
            done = Owned.Where(o => o.Owner == owner).Select(o => o.Db).ToList();
            Owned.RemoveAll(o => o.Owner == owner);
        }
        if (done.Count == 0 || AdminConnectionString.Length == 0)
            return;
        var drops = new List<TestDatabase>();
        foreach (var db in done)
        {
            if (Snapshots.TryGetValue(db.Name, out var snapshot))
                lock (Pool)
                    Recycled.Enqueue(Task.Run(() => RecycleAsync(db, snapshot)));
            else
                drops.Add(db);
        }
        if (drops.Count == 0)
            return;
        var drop = Task.Run(async () =>
        {
            foreach (var db in drops)
                await DropAsync(db.Name, db);
        });
        lock (Drops)
            Drops.Add(drop);
    }

    /// <summary>The databases provisioned from the current db/ (not a frozen release's), as they were: see <see cref="DatabaseRecycler"/>.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DatabaseRecycler.Snapshot> Snapshots = new();

    /// <summary>Finished tests' databases being put back as provisioned; each gives null when it was dropped instead.</summary>
    private static readonly Queue<Task<TestDatabase?>> Recycled = new();

    private static int _recycledCount, _droppedCount;

    private static string RecyclingSummary() =>
        $"Test databases: {_recycledCount} put back as provisioned and used again, {_droppedCount} dropped instead.";

    /// <summary>Puts the database back as provisioned for the next test, or drops it when that cannot be promised.</summary>
    private static async Task<TestDatabase?> RecycleAsync(TestDatabase db, DatabaseRecycler.Snapshot snapshot)
    {
        await db.DisposeAsync(); // the finished test's pooled connections
        try
        {
            var refused = await DatabaseRecycler.ResetAsync(AdminConnectionString, db.Name, snapshot, [db.Migrator, db.App, db.Analyst]);
            if (refused is null)
            {
                Interlocked.Increment(ref _recycledCount);
                return new TestDatabase(db.Name, AdminConnectionString, db.Migrator, db.App, db.Analyst);
            }
            TestContext.Progress.WriteLine($"{db.Name} is dropped, not put back: {refused}");
        }
        catch (Exception ex)
        {
            TestContext.Progress.WriteLine($"Could not put {db.Name} back as provisioned: {ex.Message}");
        }
        Interlocked.Increment(ref _droppedCount);
        Snapshots.TryRemove(db.Name, out _);
        await DropAsync(db.Name, null);
        return null;
    }

    /// <summary>The accounts first (that removes their grants), then the database and its audit schema.</summary>
    private static async Task DropAsync(string name, TestDatabase? db)
    {
        try
        {
            await using var connection = new MySqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            foreach (var suffix in new[] { "migrator", "app", "analyst" })
                await connection.ExecuteAsync($"DROP USER IF EXISTS '{name}_{suffix}'@'%'");
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}`");
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS `{name}_audit`");
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS `{DatabaseRecycler.SeedSchema(name)}`");
            lock (Databases)
                Databases.Remove(name);
        }
        catch (MySqlException ex)
        {
            // After the crash test's kill -9, MariaDB may leave an orphan temporary file in the database's folder
            // ("Directory not empty"); a server being restarted refuses the connection. The end of the run tries again.
            TestContext.Progress.WriteLine($"Could not drop {name} yet: {ex.Message}");
        }
        if (db is not null)
            await db.DisposeAsync();
    }

    /// <summary>How many fresh databases are provisioned ahead of the tests that ask for one.</summary>
    private const int PoolDepth = 1;

    private static readonly Queue<Task<TestDatabase>> Pool = new();

    private static async Task<TestDatabase> ProvisionAsync(IReadOnlyList<Clinic.Database.Migrations.CatalogScript>? catalog, bool recyclable = true)
    {
        var name = "ct" + Guid.NewGuid().ToString("N")[..10];
        lock (Databases)
            Databases.Add(name);
        var result = await Task.Run(() => new Provisioner(TextWriter.Null).Provision(
            new ProvisionOptions(AdminConnectionString, name, "%", null, null, null), catalog));
        // CLINIC_TEST_RECYCLE=0: every test that asks gets a newly provisioned database (to tell a recycling fault apart).
        if (recyclable && catalog is null && Environment.GetEnvironmentVariable("CLINIC_TEST_RECYCLE") != "0")
        {
            try
            {
                Snapshots[name] = await DatabaseRecycler.SnapshotAsync(AdminConnectionString, name);
            }
            catch (Exception ex)
            {
                // Then this database is dropped after its test, as every one was before recycling.
                TestContext.Progress.WriteLine($"No snapshot of {name}, so it will not be put back: {ex.Message}");
            }
        }
        return new TestDatabase(name, AdminConnectionString, result.MigratorConnectionString, result.AppConnectionString, result.AnalystConnectionString);
    }

    private static async Task WhenAllLoggedAsync(Task[] tasks, string failure)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (Exception ex)
        {
            TestContext.Progress.WriteLine($"{failure}: {ex.Message}");
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        // scripts/test.sh stops its throwaway servers right after the run (CLINIC_TEST_SERVER_DISPOSABLE=1, unless
        // CLINIC_KEEP_DB=1): dropping what is left, and finishing the databases provisioned ahead that no test will use,
        // took MySQL's lane its last 9 s (docs/benchmarks.md, issue 15). On any other server everything is dropped.
        if (Environment.GetEnvironmentVariable("CLINIC_TEST_SERVER_DISPOSABLE") == "1" && _container is null)
        {
            TestContext.Progress.WriteLine(RecyclingSummary() + " The rest go with the throwaway server.");
            return;
        }
        // Databases still provisioning ahead are finished before everything is dropped.
        // So are the ones being put back.
        Task[] ahead, recycling;
        lock (Pool)
        {
            ahead = [.. Pool];
            recycling = [.. Recycled];
        }
        await WhenAllLoggedAsync(ahead, "A database provisioned ahead failed");
        await WhenAllLoggedAsync(recycling, "A database being put back failed");
        TestContext.Progress.WriteLine(RecyclingSummary());
        Task[] drops;
        lock (Drops)
            drops = [.. Drops];
        await Task.WhenAll(drops);
        if (AdminConnectionString.Length > 0)
        {
            string[] left;
            lock (Databases)
                left = [.. Databases];
            foreach (var name in left)
                await DropAsync(name, null);
        }
        if (_container is not null)
            await _container.DisposeAsync();
    }
}

/// <summary>A provisioned test database: connection strings for each account, and data-layer helpers.</summary>
public sealed class TestDatabase(string name, string admin, string migrator, string app, string analyst) : IAsyncDisposable
{
    /// <summary>Closes this database's pooled connections (once it is dropped).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_appSource.IsValueCreated)
            await _appSource.Value.DisposeAsync();
        if (_migratorSource.IsValueCreated)
            await _migratorSource.Value.DisposeAsync();
        foreach (var cs in new[] { Admin, Migrator, App, Analyst })
        {
            await MySqlConnection.ClearPoolAsync(new MySqlConnection(cs));
            await MySqlConnection.ClearPoolAsync(new MySqlConnection(new MySqlConnectionStringBuilder(cs) { AllowUserVariables = true }.ConnectionString));
        }
    }

    public string Name { get; } = name;
    public string Admin { get; } = new MySqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    public string Migrator { get; } = migrator;
    public string App { get; } = app;
    public string Analyst { get; } = analyst;

    /// <summary>The app account's pool, set up as the app's own (Clinic.Data's AddClinicData): pooled sessions are
    /// reused without a reset, so the tests run the procedures as the app does.</summary>
    private readonly Lazy<MySqlDataSource> _appSource = new(() => new MySqlDataSource(
        new MySqlConnectionStringBuilder(app) { MaximumPoolSize = 200, ConnectionReset = false }.ConnectionString));

    /// <summary>
    /// One for the database, as the app has one (Clinic.Data's AddClinicData): after a call finds the server gone (the crash
    /// test kills it), every runner pings a pooled connection before using it, so the dead ones left in the pool are
    /// dropped instead of failing the first calls after the restart (a fresh-clone run failed so, 2026-12-06).
    /// </summary>
    private DatabaseAvailability? _availability;

    public ProcedureRunner Runner =>
        new(_appSource.Value, LazyInitializer.EnsureInitialized(ref _availability, () => new DatabaseAvailability(_appSource.Value)));

    public AccountService Accounts => new(new AuthProcedures(Runner), Clinic.Tests.Shared.TestPasswords.Hasher);

    public AuthProcedures Auth => new(Runner);

    /// <summary>
    /// A sign-in session of the account (opened on first use by the schema owner through the internal
    /// session_open, as a sign-in would); null acts as nobody. An inactive account gets no session, so
    /// its calls are refused as not signed in (50101).
    /// </summary>
    public TestSession SessionOf(int? actorId) => new(this, actorId);

    public UserAccountProcedures UsersAs(int? actorId) => new(Runner, SessionOf(actorId), Clinic.Tests.Shared.TestPasswords.Hasher);

    public PatientProcedures PatientsAs(int? actorId) => new(Runner, SessionOf(actorId));

    public StaffProcedures StaffAs(int? actorId) => new(Runner, SessionOf(actorId));

    public FacilityProcedures FacilitiesAs(int? actorId) => new(Runner, SessionOf(actorId));

    public ClinicSettingProcedures SettingsAs(int? actorId) => new(Runner, SessionOf(actorId));

    public WorkingHoursProcedures WorkingHoursAs(int? actorId) => new(Runner, SessionOf(actorId));

    public AppointmentProcedures AppointmentsAs(int? actorId) => new(Runner, SessionOf(actorId));

    public QueueProcedures QueueAs(int? actorId) => new(Runner, SessionOf(actorId));

    /// <summary>Opens a session for the account as the schema owner; null when the account may not sign in.</summary>
    public async Task<string?> OpenSessionAsync(int userAccountId, string address = "127.0.0.1")
    {
        await using var connection = await OpenAsync(Migrator);
        try
        {
            return await connection.ExecuteScalarAsync<string>(
                "CALL session_open(@id, @address, 'database tests', @token); SELECT @token;", new { id = userAccountId, address });
        }
        catch (MySqlException ex) when (ex.Number == 50101)
        {
            return null;
        }
    }

    /// <summary>Runs procedures as the schema owner (internal ones included), e.g. to create the first administrator.</summary>
    public ProcedureRunner MigratorRunner => new(_migratorSource.Value);

    private readonly Lazy<MySqlDataSource> _migratorSource = new(() => new MySqlDataSource(migrator));

    /// <summary>A new specialisation (unique name) with the given default appointment length.</summary>
    public async Task<int> NewSpecialisationAsync(int defaultMinutes = 20) =>
        await FacilitiesAs(await AdminIdAsync()).CreateSpecialisationAsync("Spec " + Guid.NewGuid().ToString("N")[..10], defaultMinutes);

    /// <summary>
    /// A new active doctor; with <paramref name="hours"/> (default 08:00-17:00) on every weekday, so tests
    /// never depend on today's weekday. Returns the staff id.
    /// </summary>
    public async Task<int> NewDoctorAsync(int? specialisationId = null, (TimeSpan From, TimeSpan To)? hours = null, bool withHours = true,
        int? userAccountId = null)
    {
        var adminId = await AdminIdAsync();
        var facilities = FacilitiesAs(adminId);
        var department = await facilities.CreateDepartmentAsync("Dept " + Guid.NewGuid().ToString("N")[..10]);
        specialisationId ??= await NewSpecialisationAsync();
        var staffId = await StaffAs(adminId).CreateAsync(new StaffInput
        {
            UserAccountId = userAccountId,
            GivenName = "Doc", FamilyName = "Tor" + Guid.NewGuid().ToString("N")[..6], StaffRole = "doctor",
            DepartmentId = department, SpecialisationId = specialisationId, ConsultationFee = 10_000m,
        });
        if (withHours)
        {
            var (from, to) = hours ?? (TimeSpan.FromHours(8), TimeSpan.FromHours(17));
            var workingHours = WorkingHoursAs(adminId);
            for (var day = 1; day <= 7; day++)
                await workingHours.AddBlockAsync(staffId, day, from, to);
        }
        return staffId;
    }

    /// <summary>A newly registered patient; returns patient_id.</summary>
    public async Task<int> NewPatientAsync() =>
        (await PatientsAs(await AdminIdAsync()).RegisterAsync(new PatientInput
        {
            GivenName = "Pat" + Guid.NewGuid().ToString("N")[..6], FamilyName = "Ient" + Guid.NewGuid().ToString("N")[..6],
            Sex = "female", DateOfBirth = new DateTime(1980, 1, 1).AddDays(Random.Shared.Next(0, 9000)),
        }, confirmDuplicate: true)).PatientId;

    /// <summary>A new active consultation room; returns room_id.</summary>
    public async Task<int> NewRoomAsync() =>
        await FacilitiesAs(await AdminIdAsync()).CreateRoomAsync("Room " + Guid.NewGuid().ToString("N")[..10], "consultation", null);

    public async Task<MySqlConnection> OpenAsync(string connectionString)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Reads as the schema owner (tests may look at base tables; the app may not).</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await OpenAsync(Migrator);
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("no value");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = await OpenAsync(Migrator);
        return (await connection.QueryAsync<T>(sql, args)).AsList();
    }

    /// <summary>Creates the first administrator as the schema owner does (clinic-db create-admin); returns its id.</summary>
    public Task<int> CreateFirstAdminAsync(string username, string password) =>
        new UserAccountProcedures(MigratorRunner, new FixedSession(null), Clinic.Tests.Shared.TestPasswords.Hasher)
            .BootstrapAdminAsync(username, "Test Administrator", password);

    /// <summary>The first administrator of this database, created once.</summary>
    public async Task<int> AdminIdAsync()
    {
        var existing = await QueryAsync<int>("SELECT user_account_id FROM user_account WHERE username = 'admin'");
        if (existing.Count > 0)
            return existing[0];
        return await CreateFirstAdminAsync("admin", "admin-password-1");
    }

    /// <summary>
    /// Creates an account with a unique username in the given role; returns (id, username). The account
    /// is created with a temporary password, as an administrator does; unless <paramref name="temporary"/>,
    /// the test then stands for the user having chosen it as their own (must_change_password cleared).
    /// </summary>
    public async Task<(int Id, string Username)> NewAccountAsync(string role, string password = "password-123", bool temporary = false)
    {
        var username = role + "_" + Guid.NewGuid().ToString("N")[..8];
        var id = await UsersAs(await AdminIdAsync()).CreateAsync(username, "Test " + role, role, password);
        if (!temporary)
        {
            await using var connection = await OpenAsync(Migrator);
            await connection.ExecuteAsync("UPDATE user_account SET must_change_password = 0 WHERE user_account_id = @id", new { id });
        }
        return (id, username);
    }
}

/// <summary>The session of a test account, opened on first use and then reused by every call through it.</summary>
public sealed class TestSession(TestDatabase db, int? actorId) : ISessionAccessor
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _opened;
    private string? _token;

    public int? ActorId { get; } = actorId;

    public async ValueTask<string?> GetSessionTokenAsync()
    {
        if (ActorId is null)
            return null;
        if (_opened)
            return _token;
        await _gate.WaitAsync();
        try
        {
            if (!_opened)
            {
                _token = await db.OpenSessionAsync(ActorId.Value);
                _opened = true;
            }
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
