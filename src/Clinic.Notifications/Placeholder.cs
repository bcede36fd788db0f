namespace Clinic.Notifications; internal static class Placeholder { }
