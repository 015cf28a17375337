-- 廉政档案 (integrity files, issue 15; domain.md b.5 IntegrityFile, b.6 contents, d): one file per cadre kept by
-- the 干部监督室 (the custodian), with entries per section that the custodian maintains (versioned, every change
-- audited); the sections computed from other records (党风廉政意见回复, clues and cases, 谈话函询 filed to the
-- file) are read at consultation time and not stored here. Anyone but the custodian reads a file only under an
-- approved consultation request (查阅申请) of the 分管领导 overseeing the custodian, until its end date; every
-- read is one row of the consultation log (查阅记录) besides its audit entry.

CREATE TABLE integrity_file (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  person_id          uuid NOT NULL REFERENCES person(id),
  custodian_org_id   uuid NOT NULL REFERENCES org(id),
  classification     text NOT NULL DEFAULT 'WORK_SECRET' CHECK (classification IN ('PUBLIC','WORK_SECRET')),
  -- when the file's content last changed (an entry added, changed or removed): a file older than a year is stale
  content_updated_at timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1,
  created_by         uuid NOT NULL REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (commission_id, person_id)
);
CREATE INDEX integrity_file_custodian ON integrity_file (commission_id, custodian_org_id, content_updated_at);

CREATE TABLE integrity_file_entry (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  file_id       uuid NOT NULL REFERENCES integrity_file(id),
  section       text NOT NULL CHECK (section IN ('BASIC','FAMILY','DECLARATIONS','DEMOCRATIC_EVALUATION','ECONOMIC_AUDIT','ACCOUNTABILITY','OTHER')),
  -- 个人有关事项报告 / 收入申报 and 民主测评 are kept by year
  year          int CHECK (year IS NULL OR year BETWEEN 1950 AND 2100),
  title         text NOT NULL,
  content       text NOT NULL,
  recorded_on   date,
  version       int NOT NULL DEFAULT 1,
  created_by    uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    uuid NOT NULL REFERENCES app_user(id),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integrity_file_entry_file ON integrity_file_entry (file_id, section, year DESC NULLS LAST, recorded_on DESC NULLS LAST);

-- 查阅申请: who asks to read which sections of whose file, why; the 分管领导's decision and until when it holds.
CREATE TABLE integrity_file_request (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  person_id        uuid NOT NULL REFERENCES person(id),
  requester_id     uuid NOT NULL REFERENCES app_user(id),
  requester_org_id uuid NOT NULL REFERENCES org(id),
  custodian_org_id uuid NOT NULL REFERENCES org(id),
  reason           text NOT NULL,
  sections         text[] NOT NULL CHECK (cardinality(sections) > 0),
  state            text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING','APPROVED','REJECTED','WITHDRAWN','REVOKED')),
  -- the end of the read (inclusive); NULL until decided when the requester named none (default: 7 days from approval)
  valid_until      date,
  decided_by       uuid REFERENCES app_user(id),
  decided_at       timestamptz,
  decision_comment text,
  version          int NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (decided_by IS NULL OR decided_by <> requester_id)
);
CREATE INDEX integrity_file_request_state ON integrity_file_request (commission_id, custodian_org_id, state, created_at DESC);
CREATE INDEX integrity_file_request_requester ON integrity_file_request (requester_id, person_id, state);

-- 查阅记录: every read of a file or a section (by the custodian, or under an approval).
CREATE TABLE integrity_file_read (
  id            bigserial PRIMARY KEY,
  commission_id uuid NOT NULL REFERENCES commission(id),
  file_id       uuid NOT NULL REFERENCES integrity_file(id),
  reader_id     uuid NOT NULL REFERENCES app_user(id),
  request_id    uuid REFERENCES integrity_file_request(id),
  sections      text[] NOT NULL,
  view          text NOT NULL CHECK (view IN ('file','section','export')),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integrity_file_read_commission ON integrity_file_read (commission_id, at DESC);
CREATE INDEX integrity_file_read_file ON integrity_file_read (file_id, at DESC);
