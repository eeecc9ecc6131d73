-- visits.id is already NOT NULL: attaching the key needs no scan
ALTER TABLE visits ADD CONSTRAINT visits_pkey PRIMARY KEY USING INDEX visits_id_key;
