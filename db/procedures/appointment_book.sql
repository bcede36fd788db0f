-- appointment_book
-- A receptionist, administrator or doctor books an appointment. Returns appointment_id.
-- p_minutes NULL takes the default length of the doctor's specialisation. p_room_id may be NULL.
--   50509 length not 5-480 minutes; (through internal/appointment_create) appointment_lock_parties: 50501 doctor, 50502 room, 50209 /
--   50210 patient; appointment_slot_check: 50503 past, 50504 outside hours, 50505 leave,
--   50506 doctor slot taken, 50507 room taken, 50508 patient busy.
--
-- LOCKING DESIGN (no double booking under concurrency, no deadlocks shown to users)
-- The no-overlap rule spans rows that do not exist yet, so a unique key cannot enforce it and a
-- plain "check, then insert" races: two transactions both see the slot free and both insert.
-- (One row per party and 5-minute granule under a unique key was measured for issue 15: slower, and
-- it would refuse back-to-back times that are not on the granule; see docs/benchmarks.md, 2026-12-05.)
-- Locking the whole appointment table (or gap locks from FOR UPDATE range reads on it) would
-- serialise every booking in the clinic and makes InnoDB deadlock on insert-intention locks.
-- Instead every booking transaction first takes exclusive row locks on the PARENT rows that the
-- rule is about, always in the same order:
--     1. the doctor's staff row,  2. the room row (if any),  3. the patient row,
-- (appointment_lock_parties), and only then runs the overlap and working-hours checks
-- (appointment_slot_check) and inserts; internal/appointment_create does these three steps for this
-- procedure and for portal_appointment_book, so reception and the portal book under one set of rules.
-- Consequences:
--   * two bookings for the same doctor, room or patient are serialised on that row: the second
--     waits until the first commits, then its checks (plain reads that run after the locks, so
--     their snapshot already includes the first booking) see the new appointment and refuse with
--     50506/50507/50508. 32 racers for one slot give exactly one booking and 31 "slot taken".
--   * bookings that share no doctor, room or patient never wait for each other: different
--     doctors book in parallel.
--   * a single total order (doctor < room < patient, one row of each) makes lock cycles, and
--     therefore deadlocks, impossible between booking, rescheduling and series booking.
--     Status changes (check in, cancel, ...) lock only the appointment row and take no parent
--     lock afterwards, so they cannot close a cycle either; appointment_complete, whose visit
--     insert needs the doctor and patient rows, locks them first, in the same order. Should the server still report a
--     deadlock or a lock-wait timeout (1213/1205), the transaction is rolled back here and the
--     data layer (ProcedureRunner) retries it, so a user never sees it.
--   * nothing in the transaction does a consistent (non-locking) read before the locks are held:
--     under REPEATABLE READ the snapshot starts at the first such read, and it must include
--     everything committed by the transaction we waited for.
--   * the checks are plain SELECT ... INTO statements (consistent reads, no locks). Written as
--     IF EXISTS (SELECT ...), both engines (binary log on) run them as locking reads that take
--     shared next-key locks on the appointment indexes; two bookings for neighbouring doctors then
--     both held a gap lock the other needed for its insert, and deadlocked (measured: about five
--     deadlocks per race test run before, none after).
-- The FK checks of the INSERT take shared locks on the same parent rows, which we already hold.
DROP PROCEDURE IF EXISTS appointment_book;
DELIMITER $$
CREATE PROCEDURE appointment_book(IN p_session_token VARCHAR(100), IN p_patient_id INT UNSIGNED, IN p_staff_id INT UNSIGNED,
                                  IN p_room_id INT UNSIGNED, IN p_starts_at DATETIME, IN p_minutes INT, IN p_reason VARCHAR(255))
    MODIFIES SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    DECLARE v_id INT UNSIGNED;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    CALL actor_require(p_session_token, 'appointment.book', v_actor_id);
    IF p_starts_at IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment cannot be booked in the past.', MYSQL_ERRNO = 50503;
    END IF;
    IF p_minutes IS NOT NULL AND p_minutes NOT BETWEEN 5 AND 480 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'An appointment must last between 5 minutes and 8 hours.', MYSQL_ERRNO = 50509;
    END IF;

    START TRANSACTION;
    CALL appointment_create(v_actor_id, p_patient_id, p_staff_id, p_room_id, p_starts_at, p_minutes, p_reason, NULL, v_id);
    COMMIT;
    SELECT v_id AS appointment_id;
END$$
DELIMITER ;
