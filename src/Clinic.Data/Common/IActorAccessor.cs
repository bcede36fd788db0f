namespace Clinic.Data.Common;

/// <summary>
/// Tells the data layer who is acting. The web app implements it from the signed-in user; every
/// procedure call passes the id as p_actor_id, and the procedure sets @clinic_actor_id for the
/// audit triggers on the same connection, in the same round-trip.
/// </summary>
public interface IActorAccessor
{
    ValueTask<int?> GetActorIdAsync();
}

/// <summary>An actor fixed in advance: for command-line tools, demo seeding and tests.</summary>
public sealed class FixedActor(int? actorId) : IActorAccessor
{
    public ValueTask<int?> GetActorIdAsync() => ValueTask.FromResult(actorId);
}
