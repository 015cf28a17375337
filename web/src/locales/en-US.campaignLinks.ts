/** en-US UI strings of the campaign links (split from en-US.ts by area). */
import type { Messages } from './zh-CN';

export const enUSCampaignLinks: Pick<Messages, 'campaignLink'> = {
  campaignLink: {
    campaign: 'Campaign',
    choose: 'Choose a campaign',
    all: 'All campaigns',
    requiredHint: 'Choose the campaign when the origin is a campaign',
    typology: 'Typical problem types',
    chooseTypology: 'Choose typical problem types',
    allTypology: 'All problem types',
  },
};
