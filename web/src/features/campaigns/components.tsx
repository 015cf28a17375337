import { CAMPAIGN_STATE_LABELS, type CampaignState } from '@liandong/domain/campaigns/enums';
import { EnumTag } from '../../components/EnumTag';

/** Phase colours: planning grey, the running phases blue to purple, the end green. */
export const CAMPAIGN_STATE_COLORS: Record<CampaignState, string> = {
  PLANNED: 'default',
  LAUNCHED: 'cyan',
  SELF_INSPECTION: 'blue',
  CHECKING: 'geekblue',
  CONCENTRATED_HANDLING: 'purple',
  CONSOLIDATING: 'gold',
  EVALUATED: 'orange',
  CLOSED: 'green',
  NORMALISED: 'green',
};

export function CampaignStateTag({ state }: { state: CampaignState }) {
  return <EnumTag labels={CAMPAIGN_STATE_LABELS} value={state} colors={CAMPAIGN_STATE_COLORS} />;
}
