-- 专项整治 links (issue 10): the free-text campaign names become the campaign_id foreign key added by 0022,
-- clues carry the 典型问题类型 (typology) of campaign screening, and the typology dictionary is seeded for the
-- commissions that already exist (new commissions get it from the bootstrap seed).

-- 1. A name that matches no campaign of its commission becomes a campaign (the latest year of a name wins
--    otherwise), so that dropping the text column loses nothing. It is led by the commission's 党风政风监督室
--    when there is one, else by the owning office of the oldest record that named it.
WITH named AS (
  SELECT commission_id, btrim(campaign_name) AS name, owner_org_id, created_at FROM reform_record
   WHERE campaign_name IS NOT NULL AND btrim(campaign_name) <> ''
  UNION ALL
  SELECT commission_id, btrim(campaign_name), owner_org_id, created_at FROM accountability
   WHERE campaign_name IS NOT NULL AND btrim(campaign_name) <> ''
), missing AS (
  SELECT DISTINCT ON (n.commission_id, n.name) n.commission_id, n.name, n.owner_org_id, n.created_at
    FROM named n
   WHERE char_length(n.name) BETWEEN 2 AND 100
     AND NOT EXISTS (SELECT 1 FROM campaign c WHERE c.commission_id = n.commission_id AND c.name = n.name)
   ORDER BY n.commission_id, n.name, n.created_at
)
INSERT INTO campaign (commission_id, name, domain, year, lead_org_id, state, goal)
SELECT m.commission_id, m.name, 'OTHER', extract(year FROM m.created_at)::int,
       coalesce((SELECT o.id FROM org o WHERE o.commission_id = m.commission_id AND o.office_kind = 'PARTY_CONDUCT'
                  ORDER BY o.sort_order, o.code LIMIT 1), m.owner_org_id),
       'LAUNCHED', '由原“专项整治名称”迁移生成'
  FROM missing m;

UPDATE reform_record r
   SET campaign_id = (SELECT c.id FROM campaign c WHERE c.commission_id = r.commission_id AND c.name = btrim(r.campaign_name)
                       ORDER BY c.year DESC LIMIT 1)
 WHERE r.campaign_id IS NULL AND r.campaign_name IS NOT NULL AND btrim(r.campaign_name) <> '';

UPDATE accountability a
   SET campaign_id = (SELECT c.id FROM campaign c WHERE c.commission_id = a.commission_id AND c.name = btrim(a.campaign_name)
                       ORDER BY c.year DESC LIMIT 1)
 WHERE a.campaign_id IS NULL AND a.campaign_name IS NOT NULL AND btrim(a.campaign_name) <> '';

-- 2. Clues whose untyped source reference named a campaign take it as their link.
UPDATE clue cl
   SET campaign_id = cl.source_ref_id, source_ref_type = NULL, source_ref_id = NULL
 WHERE cl.campaign_id IS NULL AND cl.source_ref_type = 'campaign'
   AND EXISTS (SELECT 1 FROM campaign c WHERE c.id = cl.source_ref_id AND c.commission_id = cl.commission_id);

-- 3. What a record links to, its letters and their tasks inherit.
UPDATE letter l SET campaign_id = r.campaign_id
  FROM reform_record r
 WHERE l.record_id = r.id AND l.campaign_id IS NULL AND r.campaign_id IS NOT NULL;
UPDATE rectification_task t SET campaign_id = l.campaign_id
  FROM letter l
 WHERE t.letter_id = l.id AND t.campaign_id IS NULL AND l.campaign_id IS NOT NULL;

ALTER TABLE reform_record DROP COLUMN campaign_name;
ALTER TABLE accountability DROP COLUMN campaign_name;

-- 4. 典型问题类型 of campaign screening (codes of the CLUE_TYPOLOGY dictionary).
ALTER TABLE clue ADD COLUMN typology text[] NOT NULL DEFAULT '{}';
CREATE INDEX clue_typology ON clue USING gin (typology) WHERE typology <> '{}';

INSERT INTO dictionary (commission_id, code, name_zh, name_en, is_system)
SELECT id, 'CLUE_TYPOLOGY', '典型问题类型', 'Typical problem types', false FROM commission
ON CONFLICT (commission_id, code) DO NOTHING;
INSERT INTO dictionary_item (commission_id, dictionary_id, code, label_zh, label_en, sort_order)
SELECT d.commission_id, d.id, v.code, v.zh, v.en, v.ord
  FROM dictionary d
 CROSS JOIN (VALUES
   ('LEECHING_ENTERPRISE', '靠企吃企', 'Living off the enterprise', 0),
   ('RELATED_TRANSACTION', '关联交易', 'Related-party transactions', 1),
   ('TUNNELING', '利益输送', 'Tunnelling of benefits', 2),
   ('SUBSIDY_FRAUD', '套取补贴', 'Obtaining subsidies by fraud', 3),
   ('FAVOURING_KIN', '优亲厚友', 'Favouring relatives and friends', 4),
   ('FALSE_CLAIMS', '虚报冒领', 'False claims', 5),
   ('IRREGULAR_PROCUREMENT', '违规采购', 'Irregular procurement', 6),
   ('EMBEZZLEMENT', '截留挪用', 'Withholding and misappropriation', 7),
   ('KICKBACKS', '吃拿卡要', 'Extortion and kickbacks', 8)
 ) AS v(code, zh, en, ord)
 WHERE d.code = 'CLUE_TYPOLOGY'
ON CONFLICT (dictionary_id, code) DO NOTHING;
