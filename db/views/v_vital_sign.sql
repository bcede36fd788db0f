-- v_vital_sign
-- Vital signs with BMI and flags for values that are possible but implausible (a measuring error, or
-- an emergency: either way someone should look again). Impossible values never get here
-- (vital_sign_record and the CHECKs on vital_sign refuse them).
-- bmi: vital_bmi(weight_kg, height_cm) (the one BMI formula, also used by the medical history), one decimal, only when weight and height were measured in
--   the same set; computed here, never stored.
-- Each flag is 'low', 'high' or NULL; age_years is the patient's age when measured. Thresholds:
--   blood pressure  high: systolic >= 180 or diastolic >= 120 (hypertensive crisis);
--                   low: systolic < 90 from age 12 (hypotension), < 70 below 12 (PALS, about age 1-10);
--   pulse           adults and children from 12: < 40 or > 150;
--                   1-11 years: < 60 or > 160; under 1 year: < 100 or > 180;
--   temperature     < 35.0 C (hypothermia) or > 40.0 C (hyperpyrexia);
--   respiratory     from 12: < 8 or > 30; 1-11 years: < 12 or > 40; under 1 year: < 20 or > 60 per minute;
--   SpO2            < 90 % (low only);
--   BMI             adults (18 and over) only: < 15 or > 45 kg/m2 (children need centile charts).
-- is_flagged: any flag is set. Read by vital_sign_list; the app may SELECT it (v_*).
DROP VIEW IF EXISTS v_vital_sign;
CREATE SQL SECURITY DEFINER VIEW v_vital_sign AS
SELECT f.*,
       (f.blood_pressure_flag IS NOT NULL OR f.pulse_flag IS NOT NULL OR f.temperature_flag IS NOT NULL
        OR f.respiratory_flag IS NOT NULL OR f.spo2_flag IS NOT NULL OR f.bmi_flag IS NOT NULL) AS is_flagged
  FROM (
        SELECT m.vital_sign_id, m.visit_id, m.patient_id, m.recorded_at, m.recorded_by, m.age_years,
               m.systolic_mmhg, m.diastolic_mmhg, m.pulse_bpm, m.temperature_c, m.respiratory_rate, m.spo2_pct,
               m.weight_kg, m.height_cm, m.bmi,
               CASE WHEN m.systolic_mmhg >= 180 OR m.diastolic_mmhg >= 120 THEN 'high'
                    WHEN m.systolic_mmhg < IF(m.age_years < 12, 70, 90) THEN 'low' END AS blood_pressure_flag,
               CASE WHEN m.pulse_bpm < (CASE WHEN m.age_years < 1 THEN 100 WHEN m.age_years < 12 THEN 60 ELSE 40 END) THEN 'low'
                    WHEN m.pulse_bpm > (CASE WHEN m.age_years < 1 THEN 180 WHEN m.age_years < 12 THEN 160 ELSE 150 END) THEN 'high' END AS pulse_flag,
               CASE WHEN m.temperature_c < 35.0 THEN 'low'
                    WHEN m.temperature_c > 40.0 THEN 'high' END AS temperature_flag,
               CASE WHEN m.respiratory_rate < (CASE WHEN m.age_years < 1 THEN 20 WHEN m.age_years < 12 THEN 12 ELSE 8 END) THEN 'low'
                    WHEN m.respiratory_rate > (CASE WHEN m.age_years < 1 THEN 60 WHEN m.age_years < 12 THEN 40 ELSE 30 END) THEN 'high' END AS respiratory_flag,
               CASE WHEN m.spo2_pct < 90 THEN 'low' END AS spo2_flag,
               CASE WHEN m.age_years < 18 THEN NULL
                    WHEN m.bmi < 15.0 THEN 'low'
                    WHEN m.bmi > 45.0 THEN 'high' END AS bmi_flag
          FROM (
                SELECT vs.vital_sign_id, vs.visit_id, vs.patient_id, vs.recorded_at, vs.recorded_by,
                       age_years(p.date_of_birth, DATE(vs.recorded_at)) AS age_years,
                       vs.systolic_mmhg, vs.diastolic_mmhg, vs.pulse_bpm, vs.temperature_c, vs.respiratory_rate, vs.spo2_pct,
                       vs.weight_kg, vs.height_cm,
                       CAST(vital_bmi(vs.weight_kg, vs.height_cm) AS DECIMAL(5,1)) AS bmi
                  FROM vital_sign AS vs
                  JOIN patient AS p ON p.patient_id = vs.patient_id
               ) AS m
       ) AS f;
