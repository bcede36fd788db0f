[assembly: Clinic.Database.Tests.Integration.DropTestDatabases]

namespace Clinic.Database.Tests.Integration;

/// <summary>
/// After every test and every fixture, puts the databases it asked <see cref="DatabaseFixture.CreateDatabaseAsync"/>
/// for back as provisioned for the next test, or drops them (in the background; the end of the run waits for both).
/// Applied to the whole assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class DropTestDatabasesAttribute : Attribute, ITestAction
{
    public ActionTargets Targets =>
        ActionTargets.Test | ActionTargets.Suite;

    public void BeforeTest(NUnit.Framework.Interfaces.ITest test)
    {
    }

    public void AfterTest(NUnit.Framework.Interfaces.ITest test) => DatabaseFixture.Release(test.Id);
}
