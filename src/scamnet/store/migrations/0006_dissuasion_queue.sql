-- 0006: the dissuasion queue: the held payment, the timeline, who took the task and what came of it.

ALTER TABLE dissuasion_tasks ADD COLUMN txn_id VARCHAR;
ALTER TABLE dissuasion_tasks ADD COLUMN amount DOUBLE;
ALTER TABLE dissuasion_tasks ADD COLUMN timeline VARCHAR[];
ALTER TABLE dissuasion_tasks ADD COLUMN claimed_by VARCHAR;
ALTER TABLE dissuasion_tasks ADD COLUMN outcome VARCHAR;
ALTER TABLE dissuasion_tasks ADD COLUMN note VARCHAR;
ALTER TABLE dissuasion_tasks ADD COLUMN updated_at TIMESTAMPTZ;
