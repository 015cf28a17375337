-- Organisation and linkage module (分管 / 联系 / 派驻 / 片区) and people (人员信息).
-- Forward-only. Indexes lead with commission_id.

CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Org list: default order, and name/code search (trigram, ≥ 3 characters use the index).
CREATE INDEX org_commission_sort ON org (commission_id, sort_order, code);
CREATE INDEX org_commission_search ON org USING gin (commission_id, name_zh gin_trgm_ops, code gin_trgm_ops);

-- People list: by unit (person_commission_unit exists) and by name.
CREATE INDEX person_commission_name ON person USING gin (commission_id, name_zh gin_trgm_ops);

-- A masked form of the ID number (e.g. 6201**********123X) kept beside the SM4 cipher, so that lists
-- never decrypt; the full number is only ever decrypted by the audited reveal.
ALTER TABLE person ADD COLUMN id_number_masked text;
ALTER TABLE person ADD CONSTRAINT person_id_number_pair CHECK ((id_number_cipher IS NULL) = (id_number_masked IS NULL));

-- Lookups from the "to" side of links (what covers/liaises with/contains this org).
CREATE INDEX leadership_member_commission_person ON leadership_member (commission_id, person_id);
CREATE INDEX work_zone_commission_lead ON work_zone (commission_id, lead_org_id);

-- At most one open (valid_to IS NULL) identical link; the service checks overlaps with a clear
-- message first, these indexes close the race between two concurrent creates.
CREATE UNIQUE INDEX oversight_open_unique ON oversight (commission_id, leader_id, office_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX liaison_open_unique ON liaison (commission_id, office_id, target_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX dispatch_coverage_open_unique ON dispatch_coverage (commission_id, group_id, host_unit_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX work_zone_member_open_unique ON work_zone_member (commission_id, zone_id, org_id) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX work_zone_open_name_unique ON work_zone (commission_id, county_org_id, name_zh) WHERE valid_to IS NULL;

-- The four link tables as one relation with a common shape, for lists, detail pages and exports.
-- from_org_id is the organisation that stands for the "from" end when scoping: the leader's
-- commission for 分管, the zone's county for 片区成员, the org itself otherwise.
CREATE VIEW org_link AS
  SELECT 'OVERSIGHT'::text AS type, ov.id, ov.commission_id, ov.leader_id AS from_id, p.name_zh AS from_name,
         lm.org_id AS from_org_id, ov.office_id AS to_id, NULL::text AS role, ov.valid_from, ov.valid_to, ov.version
    FROM oversight ov JOIN leadership_member lm ON lm.id = ov.leader_id JOIN person p ON p.id = lm.person_id
  UNION ALL
  SELECT 'LIAISON', l.id, l.commission_id, l.office_id, o.name_zh, l.office_id, l.target_id, NULL, l.valid_from, l.valid_to, l.version
    FROM liaison l JOIN org o ON o.id = l.office_id
  UNION ALL
  SELECT 'DISPATCH', d.id, d.commission_id, d.group_id, o.name_zh, d.group_id, d.host_unit_id, d.role, d.valid_from, d.valid_to, d.version
    FROM dispatch_coverage d JOIN org o ON o.id = d.group_id
  UNION ALL
  SELECT 'ZONE_MEMBER', m.id, m.commission_id, m.zone_id, z.name_zh, z.county_org_id, m.org_id, NULL, m.valid_from, m.valid_to, m.version
    FROM work_zone_member m JOIN work_zone z ON z.id = m.zone_id;
