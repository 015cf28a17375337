-- 整治领域 as a system dictionary (issue 10): the codes are CampaignDomain's (粮食购销 / 乡村振兴 / 金融 /
-- 校园餐 / 其他), fixed in code; the administrator may edit the labels. New commissions get it from the
-- bootstrap seed (platform/bootstrap/seed.ts); this adds it to the commissions that exist already.

INSERT INTO dictionary (commission_id, code, name_zh, name_en, is_system)
SELECT c.id, 'CAMPAIGN_DOMAIN', '专项整治领域', 'Campaign domains', true FROM commission c
ON CONFLICT (commission_id, code) DO NOTHING;

INSERT INTO dictionary_item (commission_id, dictionary_id, code, label_zh, label_en, sort_order)
SELECT d.commission_id, d.id, v.code, v.zh, v.en, v.ord
FROM dictionary d
CROSS JOIN (VALUES
  ('GRAIN', '粮食购销', 'Grain purchase and sale', 0),
  ('RURAL_REVITALISATION', '乡村振兴', 'Rural revitalisation', 1),
  ('FINANCE', '金融', 'Finance', 2),
  ('SCHOOL_CATERING', '校园餐', 'School catering', 3),
  ('OTHER', '其他', 'Other', 4)
) AS v(code, zh, en, ord)
WHERE d.code = 'CAMPAIGN_DOMAIN'
ON CONFLICT (dictionary_id, code) DO NOTHING;
