using Clinic.Data.Scheduling;

namespace Clinic.Web.Components.Appointments;

/// <summary>The patient a booking dialog opens with (from the patient profile).</summary>
public sealed record PatientChoice(int PatientId, string Mrn, string Name);

/// <summary>What the booking dialog returns: the appointment id (or the series id) and the slot of the first appointment.</summary>
public sealed record BookedAppointment(int? AppointmentId, int? SeriesId, FreeSlotRow Slot);
