-- 专项整治 (domain.md b.5, c.4): the campaign register, its participants with their 分工, its timeline,
-- and the campaign_id that replaces the free-text campaign names on the objects a campaign produces.

CREATE TABLE campaign (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id      uuid NOT NULL REFERENCES commission(id),
  name               text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 100),
  domain             text NOT NULL CHECK (domain IN ('GRAIN','RURAL_REVITALISATION','FINANCE','SCHOOL_CATERING','OTHER')),
  year               int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  goal               text NOT NULL DEFAULT '',
  -- 牵头部门: 党风政风监督室 by default.
  lead_org_id        uuid NOT NULL REFERENCES org(id),
  state              text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED','LAUNCHED','SELF_INSPECTION','CHECKING',
                       'CONCENTRATED_HANDLING','CONSOLIDATING','EVALUATED','CLOSED','NORMALISED')),
  -- 工作方案: drafted by the lead office, approved by the 书记 or recorded as a 常委会 decision.
  plan               text NOT NULL DEFAULT '',
  plan_approval      text CHECK (plan_approval IN ('SECRETARY','STANDING_COMMITTEE')),
  plan_approved_by   uuid REFERENCES app_user(id),
  plan_approved_on   date,
  plan_decision_ref  text,
  starts_on          date,
  ends_on            date CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  -- 定期通报: how often a progress bulletin is drafted from the data.
  bulletin_schedule  text NOT NULL DEFAULT 'MONTHLY' CHECK (bulletin_schedule IN ('NONE','MONTHLY','QUARTERLY')),
  classification     text NOT NULL DEFAULT 'WORK_SECRET',
  created_by         uuid REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1,
  UNIQUE (commission_id, name, year)
);
CREATE INDEX campaign_commission ON campaign (commission_id, year DESC, created_at DESC);
CREATE INDEX campaign_lead ON campaign (lead_org_id);

-- 参与单位与分工: offices, groups, county commissions and functional departments, each with what it does.
CREATE TABLE campaign_participant (
  campaign_id   uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  org_id        uuid NOT NULL REFERENCES org(id),
  kind          text NOT NULL CHECK (kind IN ('OFFICE','GROUP','COUNTY','DEPARTMENT')),
  division      text NOT NULL DEFAULT '',
  PRIMARY KEY (campaign_id, org_id)
);
CREATE INDEX campaign_participant_org ON campaign_participant (org_id);

CREATE TABLE campaign_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commission_id uuid NOT NULL REFERENCES commission(id),
  campaign_id   uuid NOT NULL REFERENCES campaign(id),
  action        text NOT NULL,
  from_state    text,
  to_state      text,
  comment       text,
  payload       jsonb,
  actor_id      uuid REFERENCES app_user(id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_event_campaign ON campaign_event (campaign_id, at);

-- 工作专班: a task force serves a campaign (or a case / theme); its two co-leaders are members with role
-- CO_LEADER; each member comes from an org. A campaign task force grants its members the campaign's own
-- objects for the membership's dates, not the participating orgs' scope (task_force_org stays for others).
ALTER TABLE task_force
  ADD COLUMN campaign_id uuid REFERENCES campaign(id),
  ADD COLUMN purpose text NOT NULL DEFAULT 'THEME' CHECK (purpose IN ('CAMPAIGN','CASE','THEME')),
  ADD COLUMN note text NOT NULL DEFAULT '',
  ADD CONSTRAINT task_force_campaign_purpose CHECK ((purpose = 'CAMPAIGN') = (campaign_id IS NOT NULL));
CREATE UNIQUE INDEX task_force_one_per_campaign ON task_force (campaign_id) WHERE campaign_id IS NOT NULL;
ALTER TABLE task_force_member ADD COLUMN from_org_id uuid REFERENCES org(id);
CREATE INDEX task_force_member_force ON task_force_member (task_force_id, user_id);

-- The objects a campaign produces carry its id (the free-text names are migrated and dropped by the
-- links migration that replaces them).
ALTER TABLE clue ADD COLUMN campaign_id uuid REFERENCES campaign(id);
ALTER TABLE reform_record ADD COLUMN campaign_id uuid REFERENCES campaign(id);
ALTER TABLE letter ADD COLUMN campaign_id uuid REFERENCES campaign(id);
ALTER TABLE rectification_task ADD COLUMN campaign_id uuid REFERENCES campaign(id);
ALTER TABLE accountability ADD COLUMN campaign_id uuid REFERENCES campaign(id);
ALTER TABLE bulletin ADD COLUMN campaign_id uuid REFERENCES campaign(id);
ALTER TABLE clue_meeting ADD COLUMN campaign_id uuid REFERENCES campaign(id);
CREATE INDEX clue_campaign ON clue (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX reform_record_campaign ON reform_record (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX letter_campaign ON letter (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX rectification_task_campaign ON rectification_task (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX accountability_campaign ON accountability (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX bulletin_campaign ON bulletin (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX clue_meeting_campaign ON clue_meeting (campaign_id) WHERE campaign_id IS NOT NULL;

INSERT INTO data_epoch (area, epoch) VALUES ('campaign', 1) ON CONFLICT DO NOTHING;
