-- dispensing_get
-- One dispensing for its printable receipt, as two result sets:
--  1. the header (no row when it does not exist): receipt number, when, total, billed_total (what was
--     charged to the patient's bill for it: the sum of its lines' charges, NULL when none), the clinic header
--     (settings clinic.name, clinic.address, clinic.phone), patient, prescribing doctor, pharmacist;
--  2. the lines: medication, dose and frequency, lot (batch, expiry), quantity, unit price and
--     line total, and billed_amount: the line's charge (charge source 'dispensing_line', the amount on
--     the invoice, rounded once by money_round; NULL when it was not charged), in the order they were taken.
-- Permission: pharmacy.work (which roles hold it: table role_permission).
-- Every read (the printed receipt) is written to the access log (kind 'receipt').
DROP PROCEDURE IF EXISTS dispensing_get;
DELIMITER $$
CREATE PROCEDURE dispensing_get(IN p_session_token VARCHAR(100), IN p_dispensing_id INT UNSIGNED)
    READS SQL DATA
    SQL SECURITY DEFINER
BEGIN
    DECLARE v_actor_id INT UNSIGNED DEFAULT NULL;
    CALL actor_require(p_session_token, 'pharmacy.work', v_actor_id);
    CALL patient_access_record((SELECT patient_id FROM dispensing WHERE dispensing_id = p_dispensing_id),
                               'receipt', p_dispensing_id, NULL);
    SELECT d.dispensing_id, d.receipt_number, d.dispensed_at, d.total_amount,
           (SELECT SUM(c.amount) FROM dispensing_line AS bl
              JOIN charge AS c ON c.source_type = 'dispensing_line' AND c.source_id = bl.dispensing_line_id
             WHERE bl.dispensing_id = d.dispensing_id) AS billed_total,
           d.prescription_id, rx.status AS prescription_status,
           rx.issued_at, d.patient_id, p.mrn, CONCAT(p.given_name, ' ', p.family_name) AS patient_name,
           rx.staff_id, CONCAT(s.given_name, ' ', s.family_name) AS doctor_name,
           d.dispensed_by, u.display_name AS pharmacist_name,
           setting_text('clinic.name', 'Clinic') AS clinic_name, setting_text('clinic.address', '') AS clinic_address,
           setting_text('clinic.phone', '') AS clinic_phone
      FROM dispensing AS d
      JOIN prescription AS rx ON rx.prescription_id = d.prescription_id
      JOIN patient AS p ON p.patient_id = d.patient_id
      JOIN staff AS s ON s.staff_id = rx.staff_id
      JOIN user_account AS u ON u.user_account_id = d.dispensed_by
     WHERE d.dispensing_id = p_dispensing_id;

    SELECT dl.dispensing_line_id, dl.prescription_item_id, i.medication_id, m.name AS medication_name, m.form, m.strength,
           i.dose, i.route, i.frequency, i.instructions, dl.stock_lot_id, l.batch_number, l.expiry_date,
           dl.quantity, dl.unit_price, dl.quantity * dl.unit_price AS line_total, c.amount AS billed_amount
      FROM dispensing_line AS dl
      JOIN prescription_item AS i ON i.prescription_item_id = dl.prescription_item_id
      JOIN medication AS m ON m.medication_id = i.medication_id
      JOIN stock_lot AS l ON l.stock_lot_id = dl.stock_lot_id
      LEFT JOIN charge AS c ON c.source_type = 'dispensing_line' AND c.source_id = dl.dispensing_line_id
     WHERE dl.dispensing_id = p_dispensing_id
     ORDER BY dl.dispensing_line_id;
END$$
DELIMITER ;
