-- 党风廉政意见回复 (domain.md a.2 IntegrityOpinionReply, b.6, d): an organisation department's request
-- for integrity opinions on named cadres before promotion, registered and answered by the 干部监督室,
-- signed off by the 书记 or the leader overseeing the 干部监督室, then numbered (发文字号 from the
-- doc_sequence, only at issue) and sent as a reply letter. Readable only by the 干部监督室 and those
-- leaders (modules/integrity/access.ts); every read and every evidence collection is audited.

CREATE TABLE integrity_reply (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  -- 来函单位 (an organisation department outside the commission) and its 文号
  requesting_org   text NOT NULL CHECK (char_length(requesting_org) BETWEEN 2 AND 100),
  request_doc_no   text,
  purpose          text NOT NULL,
  received_on      date NOT NULL,
  due_on           date NOT NULL,
  -- the 干部监督室 that answers
  drafting_org_id  uuid NOT NULL REFERENCES org(id),
  state            text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT','SUBMITTED','RETURNED','APPROVED','ISSUED')),
  submitted_by     uuid REFERENCES app_user(id),
  approved_by      uuid REFERENCES app_user(id),
  approved_at      timestamptz,
  doc_code         text,
  doc_year         int,
  doc_seq          int,
  doc_no           text,
  issued_on        date,
  classification   text NOT NULL DEFAULT 'WORK_SECRET',
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1,
  CHECK (due_on >= received_on),
  CHECK ((state = 'ISSUED') = (doc_no IS NOT NULL)),
  CHECK ((approved_by IS NULL) = (approved_at IS NULL))
);
CREATE INDEX integrity_reply_ledger ON integrity_reply (commission_id, received_on DESC, id);
CREATE UNIQUE INDEX integrity_reply_doc_no ON integrity_reply (commission_id, doc_no) WHERE doc_no IS NOT NULL;

-- One cadre named in the request, with the drafter's conclusion. ID number SM4-encrypted + masked.
CREATE TABLE integrity_cadre (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id    uuid NOT NULL REFERENCES commission(id),
  reply_id         uuid NOT NULL REFERENCES integrity_reply(id),
  seq              int NOT NULL,
  name_zh          text NOT NULL,
  unit_name        text NOT NULL,
  unit_org_id      uuid REFERENCES org(id),
  position         text NOT NULL,
  person_id        uuid REFERENCES person(id),
  id_number_cipher bytea,
  id_number_masked text,
  conclusion       text CHECK (conclusion IN ('CLEAR','CONCERNS','NOT_TO_BE_USED')),
  opinion          text NOT NULL DEFAULT '',
  collected_at     timestamptz,
  collected_by     uuid REFERENCES app_user(id),
  UNIQUE (reply_id, seq),
  CHECK ((id_number_cipher IS NULL) = (id_number_masked IS NULL))
);
CREATE INDEX integrity_cadre_person ON integrity_cadre (person_id) WHERE person_id IS NOT NULL;

-- What the commission holds on the cadre, as the collector saw it (each source through its own
-- visibility predicate at collection time): replaced by each new collection while the reply is a draft.
CREATE TABLE integrity_evidence (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  reply_id      uuid NOT NULL REFERENCES integrity_reply(id),
  cadre_id      uuid NOT NULL REFERENCES integrity_cadre(id) ON DELETE CASCADE,
  source_type   text NOT NULL CHECK (source_type IN ('clue','case','supervision_finding','inspection_finding')),
  source_id     uuid NOT NULL,
  ref_no        text,
  title         text NOT NULL,
  source_state  text,
  happened_on   date,
  collected_by  uuid NOT NULL REFERENCES app_user(id),
  collected_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integrity_evidence_cadre ON integrity_evidence (cadre_id);

CREATE TABLE integrity_reply_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  reply_id      uuid NOT NULL REFERENCES integrity_reply(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integrity_reply_event_reply ON integrity_reply_event (reply_id, at);
