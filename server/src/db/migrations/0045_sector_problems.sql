-- 行业领域 dictionary and the problem register (issue 15; domain.md d, the seed article's 「行业性、系统性问题，
-- 联合汇总剖析，督促整改落实」).
--
-- 1. SECTOR — a business dictionary (the commission extends it) shared by findings, clues, cases, reform
--    records and campaigns. Its first codes are the campaign domains' so a campaign's sector follows its domain.
-- 2. PROBLEM_TYPE — 难点堵点 / 行业性问题 / 系统性问题.
-- 3. sector_code on supervision_finding, clue, case_file, reform_record and campaign; the reform records'
--    free-text sector is moved to dictionary entries (a value matching no label becomes a new item).
-- 4. problem, its affected units, evidence links, analysis participants and conversions.

INSERT INTO dictionary (commission_id, code, name_zh, name_en, is_system)
SELECT c.id, v.code, v.zh, v.en, false FROM commission c
CROSS JOIN (VALUES ('SECTOR', '行业领域', 'Sectors'), ('PROBLEM_TYPE', '问题类型（难点堵点）', 'Problem types')) AS v(code, zh, en)
ON CONFLICT (commission_id, code) DO NOTHING;

INSERT INTO dictionary_item (commission_id, dictionary_id, code, label_zh, label_en, sort_order)
SELECT d.commission_id, d.id, v.code, v.zh, v.en, v.ord
FROM dictionary d
CROSS JOIN (VALUES
  ('GRAIN', '粮食购销', 'Grain purchase and sale', 0),
  ('RURAL_REVITALISATION', '乡村振兴', 'Rural revitalisation', 1),
  ('FINANCE', '金融', 'Finance', 2),
  ('SCHOOL_CATERING', '校园餐', 'School catering', 3),
  ('EDUCATION', '教育', 'Education', 4),
  ('HEALTH', '医疗卫生', 'Health care', 5),
  ('CONSTRUCTION', '工程建设', 'Construction projects', 6),
  ('STATE_ENTERPRISE', '国有企业', 'State-owned enterprises', 7),
  ('ENVIRONMENT', '生态环境', 'Ecology and environment', 8),
  ('SOCIAL_SECURITY', '社会保障', 'Social security', 9),
  ('OTHER', '其他', 'Other', 99)
) AS v(code, zh, en, ord)
WHERE d.code = 'SECTOR'
ON CONFLICT (dictionary_id, code) DO NOTHING;

INSERT INTO dictionary_item (commission_id, dictionary_id, code, label_zh, label_en, sort_order)
SELECT d.commission_id, d.id, v.code, v.zh, v.en, v.ord
FROM dictionary d
CROSS JOIN (VALUES
  ('BOTTLENECK', '难点堵点问题', 'Bottleneck', 0),
  ('SECTORAL', '行业性问题', 'Sector-wide problem', 1),
  ('SYSTEMIC', '系统性问题', 'Systemic problem', 2)
) AS v(code, zh, en, ord)
WHERE d.code = 'PROBLEM_TYPE'
ON CONFLICT (dictionary_id, code) DO NOTHING;

ALTER TABLE supervision_finding ADD COLUMN sector_code text;
ALTER TABLE clue ADD COLUMN sector_code text;
ALTER TABLE case_file ADD COLUMN sector_code text;
ALTER TABLE reform_record ADD COLUMN sector_code text;
ALTER TABLE campaign ADD COLUMN sector_code text;

-- free-text sectors of reform records that match no label become items (codes S_ + a hash of the text)
INSERT INTO dictionary_item (commission_id, dictionary_id, code, label_zh, label_en, sort_order)
SELECT DISTINCT d.commission_id, d.id, 'S_' || upper(substr(md5(btrim(r.sector)), 1, 10)), btrim(r.sector), btrim(r.sector), 50
FROM reform_record r JOIN dictionary d ON d.commission_id = r.commission_id AND d.code = 'SECTOR'
WHERE r.sector IS NOT NULL AND btrim(r.sector) <> ''
  AND NOT EXISTS (SELECT 1 FROM dictionary_item i WHERE i.dictionary_id = d.id AND i.label_zh = btrim(r.sector))
ON CONFLICT (dictionary_id, code) DO NOTHING;

UPDATE reform_record r SET sector_code = i.code
FROM dictionary d JOIN dictionary_item i ON i.dictionary_id = d.id
WHERE d.commission_id = r.commission_id AND d.code = 'SECTOR' AND i.label_zh = btrim(r.sector);

ALTER TABLE reform_record DROP COLUMN sector;

UPDATE campaign SET sector_code = domain;

CREATE INDEX supervision_finding_sector ON supervision_finding (commission_id, sector_code) WHERE sector_code IS NOT NULL;
CREATE INDEX clue_sector ON clue (commission_id, sector_code) WHERE sector_code IS NOT NULL;
CREATE INDEX case_file_sector ON case_file (commission_id, sector_code) WHERE sector_code IS NOT NULL;
CREATE INDEX reform_record_sector ON reform_record (commission_id, sector_code) WHERE sector_code IS NOT NULL;
CREATE INDEX campaign_sector ON campaign (commission_id, sector_code) WHERE sector_code IS NOT NULL;

-- 难点堵点 / 行业性 / 系统性问题. Owned by the org that registered it; readable by the staff in scope of the owner
-- or of an org taking part in the joint analysis.
CREATE TABLE problem (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  title              text NOT NULL,
  description        text NOT NULL DEFAULT '',
  sector_code        text NOT NULL,
  type_code          text NOT NULL,
  owner_org_id       uuid NOT NULL REFERENCES org(id),
  state              text NOT NULL DEFAULT 'PROPOSED' CHECK (state IN ('PROPOSED','CONFIRMED','CONVERTED','DISMISSED')),
  -- 联合汇总剖析: the analysis in words, its date
  analysis           text NOT NULL DEFAULT '',
  analysed_on        date,
  origin             text NOT NULL DEFAULT 'MANUAL' CHECK (origin IN ('MANUAL','CLUSTER')),
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1
);
CREATE INDEX problem_owner ON problem (commission_id, owner_org_id, created_at DESC);

-- units affected
CREATE TABLE problem_unit (
  problem_id uuid NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
  org_id     uuid NOT NULL REFERENCES org(id),
  PRIMARY KEY (problem_id, org_id)
);

-- participating 室 / 组 / 地 of the joint analysis
CREATE TABLE problem_analysis_org (
  problem_id uuid NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
  org_id     uuid NOT NULL REFERENCES org(id),
  PRIMARY KEY (problem_id, org_id)
);
CREATE INDEX problem_analysis_org_org ON problem_analysis_org (org_id);

-- evidence: findings, clues, cases, recommendation letters
CREATE TABLE problem_evidence (
  problem_id  uuid NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
  object_type text NOT NULL CHECK (object_type IN ('finding','clue','case','letter')),
  object_id   uuid NOT NULL,
  added_by    uuid REFERENCES app_user(id),
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (problem_id, object_type, object_id)
);
CREATE INDEX problem_evidence_object ON problem_evidence (object_type, object_id);

-- what the problem was turned into (next year's common supervision item, …)
CREATE TABLE problem_conversion (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  problem_id   uuid NOT NULL REFERENCES problem(id),
  target_type  text NOT NULL CHECK (target_type IN ('common_item','letter','campaign')),
  target_id    uuid NOT NULL,
  created_by   uuid REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX problem_conversion_problem ON problem_conversion (problem_id);
