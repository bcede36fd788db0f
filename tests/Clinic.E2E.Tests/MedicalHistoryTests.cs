using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clinic.E2E.Tests;

/// <summary>
/// The patient profile's medical history on the demo clinic: the first demo patient has past visits
/// (visit_record_past), vitals, diagnoses, lab results and an allergy, all loaded by demo mode.
/// </summary>
public sealed class MedicalHistoryTests : BrowserTest
{
    [Test]
    public async Task A_doctor_sees_the_demo_patients_allergies_vitals_trend_and_history_newest_first()
    {
        await SignInAsync("doctor", "doctor123");
        await GotoInteractiveAsync("/patients/1");

        var section = TestId("medical-history-section");
        await Expect(section).ToBeVisibleAsync();
        await Expect(section).ToContainTextAsync("Amoxicillin");
        await Expect(TestId("vitals-trend-chart")).ToBeVisibleAsync();
        var items = TestId("history-item");
        await Expect(items.First).ToBeVisibleAsync();
        Assert.That(await items.CountAsync(), Is.GreaterThanOrEqualTo(3), "past visits with vitals and diagnoses");
        await Expect(section.GetByTestId("history-visit-link").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"/visits/\d+\?patient=1$"));
        await section.ScreenshotAsync(new LocatorScreenshotOptions { Path = ClinicApp.ScreenshotPath("medical-history"), Animations = ScreenshotAnimations.Disabled });
    }

    [Test]
    public async Task A_receptionist_does_not_see_the_medical_history()
    {
        await SignInAsync("reception", "reception123");
        await GotoInteractiveAsync("/patients/1");
        await Expect(TestId("patient-name")).ToBeVisibleAsync();
        await Expect(TestId("medical-history-section")).ToHaveCountAsync(0);
    }
}
