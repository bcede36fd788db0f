using System.Globalization;
using Bogus;

namespace Clinic.Generator;

/// <summary>
/// The bills of the generated clinic (import kind invoice, invoices.csv): one invoice for every completed appointment's
/// visit, in the order of <see cref="Appointments"/> (read again, one row at a time), one row per line. Every invoice
/// has the consultation of the doctor's specialisation (CONS-GP, ... of <see cref="PriceList"/>, priced from the first
/// day), sometimes a service that goes with the reason (a dressing for a wound review, an extraction, a medical
/// certificate, an ECG, ...) and now and then a patient card. Most are paid in full on the visit's day, some in two
/// payments (the rest a few days later), some only in part and a few not at all; the methods are those of a Ugandan
/// clinic: mobile money most often (MTN Mobile Money or Airtel Money, with a unique transaction reference), then cash,
/// a few cards and bank transfers. A line carries at most one payment, so an invoice paid twice has two lines. Its
/// own random stream, so adding the invoices changed none of the other files.
/// </summary>
public sealed partial class ClinicModel
{
    /// <summary>The services that go with an appointment reason, and how often.</summary>
    private static readonly Dictionary<string, (string Code, double Share)> ServiceByReason = new(StringComparer.Ordinal)
    {
        ["Wound review"] = ("PROC-DRESS", 0.8), ["Post-operative review"] = ("PROC-DRESS", 0.5), ["Abscess"] = ("PROC-ID", 0.7),
        ["Tooth extraction"] = ("PROC-EXTRACT", 0.9), ["Toothache"] = ("PROC-EXTRACT", 0.3), ["Filling"] = ("PROC-FILL", 0.9),
        ["Medical examination for work"] = ("OTH-CERT", 0.9), ["Ultrasound scan review"] = ("PROC-USS-OB", 0.6),
        ["Antenatal visit"] = ("PROC-USS-OB", 0.15), ["Asthma review"] = ("PROC-NEB", 0.3), ["Chest pain follow-up"] = ("PROC-ECG", 0.6),
        ["Heart failure review"] = ("PROC-ECG", 0.3), ["Diarrhoea"] = ("PROC-IV", 0.15), ["Fever and headache"] = ("PROC-IV", 0.05),
    };

    /// <summary>
    /// The invoice lines, in appointment order: invoice id B + the appointment's number, the visit's external id (V + the
    /// number), the service code, the quantity, and on some lines a payment (amount, method, provider, reference, day).
    /// </summary>
    public IEnumerable<string?[]> Invoices()
    {
        if (_settings.Appointments == 0)
            yield break;
        var specialisationOf = Doctors.ToDictionary(d => d.ExternalId, d => d.Specialisation, StringComparer.Ordinal);
        var servicePrice = Services.ToDictionary(s => s.Code, s => s.Price, StringComparer.Ordinal);
        var rng = Stream(9);
        var lines = new List<(string Code, int Amount)>(3);
        var payments = new List<(int Amount, DateOnly Day)>(2);
        foreach (var a in Appointments())
        {
            if (a[7] != "completed")
                continue;
            var number = a[0]![1..];
            var day = DateOnly.ParseExact(a[4]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var specialisation = specialisationOf[a[2]!];
            lines.Clear();
            lines.Add(($"CONS-{Code(specialisation.Name)}", specialisation.Fee));
            if (ServiceByReason.TryGetValue(a[8]!, out var extra) && rng.Bool((float)extra.Share))
                lines.Add((extra.Code, servicePrice[extra.Code]));
            if (rng.Bool(0.06f))
                lines.Add(("OTH-CARD", servicePrice["OTH-CARD"]));
            var total = lines.Sum(l => l.Amount);

            payments.Clear();
            var roll = rng.Double();
            if (roll < 0.78)
                payments.Add((total, day)); // paid in full on the day
            else if (roll < 0.86 && lines.Count > 1)
            {
                var part = RoundedPart(rng, total);
                payments.Add((part, day));
                payments.Add((total - part, Later(rng, day)));
            }
            else if (roll < 0.94)
                payments.Add((RoundedPart(rng, total), day)); // part-paid: the rest still owed
            // else unpaid

            for (var i = 0; i < lines.Count; i++)
            {
                string?[] payment = [null, null, null, null, null];
                if (i < payments.Count)
                    payment = Payment(rng, payments[i].Amount, payments[i].Day, number, i);
                yield return
                [
                    "B" + number, "V" + number, lines[i].Code, "1", payment[0], payment[1], payment[2], payment[3], payment[4],
                ];
            }
        }
    }

    /// <summary>Between 30% and 80% of the total, in whole thousands (at least 1,000, less than the total).</summary>
    private static int RoundedPart(Randomizer rng, int total)
    {
        var part = (int)(total * (0.3 + 0.5 * rng.Double())) / 1_000 * 1_000;
        return Math.Clamp(part, 1_000, total - 1_000);
    }

    /// <summary>A day 1 to 14 days after <paramref name="day"/>, never after today.</summary>
    private DateOnly Later(Randomizer rng, DateOnly day)
    {
        var later = day.AddDays(rng.Number(1, 14));
        return later > _settings.Today ? _settings.Today : later;
    }

    /// <summary>The payment cells: amount, method, provider, reference, day. Mobile money 60%, cash 30%, card 7%, bank transfer 3%.</summary>
    private static string?[] Payment(Randomizer rng, int amount, DateOnly day, string number, int nth)
    {
        var roll = rng.Double();
        var (method, provider, reference) = roll switch
        {
            < 0.60 when rng.Bool(0.65f) => ("mobile_money", "MTN Mobile Money", $"MP{day:yyMMdd}.{number}.{nth + 1}"),
            < 0.60 => ("mobile_money", "Airtel Money", $"AM{day:yyMMdd}.{number}.{nth + 1}"),
            < 0.90 => ("cash", (string?)null, (string?)null),
            < 0.97 => ("card", null, $"POS-{rng.Number(100_000, 999_999)}"),
            _ => ("bank_transfer", null, $"TRF-{number}-{nth + 1}"),
        };
        return [Money(amount), method, provider, reference, Date(day)];
    }
}
