-- 0016 (sync): assessment schemes the county sends (reference_data of kind scheme) become
-- read-only schemes here, marked 县级方案; `periods` is the JSON list of periods the county set
-- the scheme for (NULL: any period of its kind).
ALTER TABLE assessment_schemes ADD COLUMN source TEXT NOT NULL DEFAULT 'township' CHECK (source IN ('township', 'county'));
ALTER TABLE assessment_schemes ADD COLUMN periods TEXT;
