import { z } from 'zod';

/*
 * The link from an object a campaign produces (clue, reform record, letter, rectification task,
 * accountability record, bulletin, screening meeting) to its 专项整治: a campaign id, never a free-text name
 * (issue 10). The server checks that the campaign exists in the caller's commission and is visible to the
 * caller; the answer for an unknown, foreign or hidden campaign is the same 400 on `campaignId`.
 */

/** Message of every refused campaign link (unknown, other commission or not visible: never told apart). */
export const CAMPAIGN_LINK_REFUSED = '所选专项整治不存在或无权关联';

/** Message when the origin or source says 专项整治 and no campaign was chosen. */
export const CAMPAIGN_LINK_REQUIRED = '来源为专项整治时须选择所属专项整治';

/** The campaign an object belongs to (uuid of a campaign of the caller's commission). */
export const CampaignIdSchema = z.uuid({ error: (iss) => (iss.input === undefined ? CAMPAIGN_LINK_REQUIRED : '专项整治编号格式不正确') });

/** The campaign as a read shows it: id and name (joined). */
export const CampaignRefSchema = z.object({ id: z.string(), name: z.string() });
export type CampaignRef = z.infer<typeof CampaignRefSchema>;
