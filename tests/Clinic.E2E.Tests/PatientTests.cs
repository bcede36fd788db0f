using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

public sealed class PatientTests : BrowserTest
{
    private static readonly Regex Mrn = new(@"^[A-Za-z0-9/_-]*\d{4,}$");

    /// <summary>A family name no earlier run has used, made of letters only (names are searched by word prefix).</summary>
    private static string UniqueFamilyName() =>
        "Kx" + string.Concat(Guid.NewGuid().ToString("N").Take(8).Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    private async Task FillPatientAsync(string given, string family, string dateOfBirth, string? phone)
    {
        await TestId("given-name").FillAsync(given);
        await TestId("family-name").FillAsync(family);
        await SelectAsync(Page.Locator(".mud-main-content"), "Sex", "Female");
        var dob = TestId("date-of-birth").Locator("input");
        await FillDateAsync(dob, dateOfBirth);
        if (phone is not null)
            await TestId("phone").FillAsync(phone);
        await TestId("email").FillAsync($"{family.ToLowerInvariant()}@example.com");
        await TestId("address").FillAsync("Plot 12, Kampala Road\nKampala");
        await TestId("emergency-name").FillAsync("John " + family);
        await TestId("emergency-phone").FillAsync("0701000111");
        await SelectAsync(Page.Locator(".mud-main-content"), "Blood group", "O+");
        await TestId("medical-history").FillAsync("Penicillin allergy.\nAsthma since childhood.");
    }

    [Test]
    public async Task Receptionist_registers_is_warned_of_a_duplicate_and_finds_the_patient()
    {
        var family = UniqueFamilyName();
        var phone = "0772" + Random.Shared.Next(100_000, 999_999);
        var dateOfBirth = new DateTime(1960, 1, 1).AddDays(Random.Shared.Next(0, 15_000)).ToString("yyyy-MM-dd");

        await SignInAsync("reception", "reception123");
        await TestId("nav-patients").ClickAsync();
        await Expect(TestId("register-patient")).ToBeVisibleAsync();
        await TestId("register-patient").ClickAsync();
        await Expect(TestId("editor-title")).ToHaveTextAsync("Register patient");

        await FillPatientAsync("Mary", family, dateOfBirth, phone);
        await ScreenshotAsync("patient-register");
        await TestId("save-patient").ClickAsync();

        await Expect(TestId("patient-mrn")).ToHaveTextAsync(Mrn);
        var firstMrn = (await TestId("patient-mrn").TextContentAsync())!.Trim();
        await Expect(TestId("patient-name")).ToHaveTextAsync($"Mary {family}");
        await Expect(TestId("patient-dob")).ToContainTextAsync(dateOfBirth);
        await Expect(TestId("patient-phone")).ToHaveTextAsync(phone);
        // The receptionist wrote the medical history at registration, but reading it is for doctors and nurses (patient_get).
        await Expect(TestId("demographics")).ToContainTextAsync("Blood group");
        await Expect(TestId("patient-history")).ToHaveCountAsync(0);
        await Expect(TestId("timeline-empty")).ToContainTextAsync("will appear here");
        await Expect(TestId("merge-patient")).ToHaveCountAsync(0);
        await ScreenshotAsync("patient-profile");

        // Same name and date of birth, no phone: the database warns, and the dialog lists the first record.
        await GotoInteractiveAsync("/patients/new");
        await FillPatientAsync("Mary", family, dateOfBirth, phone: null);
        await TestId("save-patient").ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("duplicate-message")).ToContainTextAsync("may be a patient who is already registered");
        await Expect(dialog.GetByTestId("duplicate-candidate")).ToHaveCountAsync(1);
        await Expect(dialog.GetByTestId("duplicate-candidate")).ToContainTextAsync(firstMrn);
        await Expect(dialog.GetByTestId("duplicate-candidate")).ToContainTextAsync($"{family}, Mary");
        await Expect(dialog.GetByTestId("duplicate-candidate")).ToContainTextAsync(dateOfBirth);
        await Expect(dialog.GetByTestId("duplicate-candidate")).ToContainTextAsync(phone);
        await ScreenshotAsync("patient-duplicate");

        await dialog.GetByTestId("register-anyway").ClickAsync();
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(Mrn);
        await Expect(TestId("patient-mrn")).Not.ToHaveTextAsync(firstMrn);
        var secondMrn = (await TestId("patient-mrn").TextContentAsync())!.Trim();
        await Expect(TestId("patient-name")).ToHaveTextAsync($"Mary {family}");

        // Search by MRN, then by the start of the family name.
        await GotoInteractiveAsync("/patients");
        var rows = Page.Locator("tbody tr.mud-table-row");
        await TestId("patient-search").FillAsync(firstMrn);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(firstMrn);

        await TestId("patient-search").FillAsync(family[..6].ToLowerInvariant());
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(Page.Locator("tbody")).ToContainTextAsync(firstMrn);
        await Expect(Page.Locator("tbody")).ToContainTextAsync(secondMrn);
        await ScreenshotAsync("patients-search");

        await rows.Filter(new LocatorFilterOptions { HasText = secondMrn }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(secondMrn);
    }

    [Test]
    public async Task Admin_merges_a_duplicate_and_the_merged_record_links_to_the_survivor()
    {
        var family = UniqueFamilyName();
        await SignInAsync("admin", "admin123");
        var mrns = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await GotoInteractiveAsync("/patients/new");
            await FillPatientAsync("Ruth", family, "1985-03-02", phone: null);
            await TestId("save-patient").ClickAsync();
            if (i == 1)
                await Page.Locator(".mud-dialog").GetByTestId("register-anyway").ClickAsync();
            await Expect(TestId("patient-mrn")).ToHaveTextAsync(Mrn);
            if (i == 1)
                await Expect(TestId("patient-mrn")).Not.ToHaveTextAsync(mrns[0]);
            mrns.Add((await TestId("patient-mrn").TextContentAsync())!.Trim());
        }
        var mergedUrl = Page.Url;

        // On the second record: keep the first one.
        await TestId("merge-patient").ClickAsync();
        var dialog = Page.Locator(".mud-dialog").Filter(new LocatorFilterOptions { Has = Page.GetByTestId("merge-reason") });
        var other = dialog.Locator(".mud-autocomplete input").First;
        await other.ClickAsync();
        await TypeAsync(other, mrns[0]);
        await ChooseAsync(Page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = mrns[0] }));
        await dialog.GetByText("Keep the other record").ClickAsync();
        await dialog.GetByTestId("merge-reason").FillAsync("Registered twice at reception");
        await ScreenshotAsync("patient-merge");
        await dialog.GetByTestId("merge-submit").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Merge", Exact = true }).ClickAsync();

        await Expect(TestId("merged-banner")).ToContainTextAsync($"merged into {mrns[0]}");
        await Expect(TestId("merged-banner")).ToContainTextAsync("Registered twice at reception");
        await Expect(TestId("edit-patient")).ToHaveCountAsync(0);
        await ScreenshotAsync("patient-merged");
        Assert.That(Page.Url, Is.EqualTo(mergedUrl));

        await TestId("surviving-link").ClickAsync();
        await Expect(TestId("patient-mrn")).ToHaveTextAsync(mrns[0]);
        await Expect(TestId("merged-banner")).ToHaveCountAsync(0);
    }
}
