import type { Role, UserStatus } from '@liandong/domain/access/enums';
import type { LinkType, OrgKind } from '@liandong/domain/org/enums';

/** Tag colours per shared enum value (labels come from `domain`, colours are a screen concern). */
export const ORG_KIND_COLORS: Record<OrgKind, string> = {
  MUNICIPAL_COMMISSION: 'red',
  COUNTY_COMMISSION: 'volcano',
  NEW_AREA_COMMISSION: 'orange',
  TOWNSHIP_COMMISSION: 'gold',
  INTERNAL_OFFICE: 'blue',
  DISPATCHED_GROUP: 'purple',
  HOST_UNIT: 'cyan',
  PARTY_COMMITTEE: 'magenta',
  EXTERNAL_AGENCY: 'default',
};

export const LINK_TYPE_COLORS: Record<LinkType, string> = {
  OVERSIGHT: 'red',
  LIAISON: 'blue',
  DISPATCH: 'purple',
  ZONE_MEMBER: 'green',
};

export const USER_STATUS_COLORS: Record<UserStatus, string> = {
  ACTIVE: 'green',
  LOCKED: 'orange',
  DISABLED: 'default',
};

const ADMIN_ROLE_COLORS: Partial<Record<Role, string>> = { SYS_ADMIN: 'geekblue', SEC_ADMIN: 'volcano', AUDIT_ADMIN: 'purple' };

export function roleColor(role: Role): string {
  return ADMIN_ROLE_COLORS[role] ?? 'blue';
}

/**
 * Text shades of antd's preset tag colours, darkened where the default (shade 7 on shade 1) falls under the
 * 4.5:1 contrast WCAG AA asks of 12 px text: gold 2.8:1, lime 2.5:1, yellow 2.1:1, green, cyan and orange
 * 3.4:1, volcano 4.4:1 (issue 13). Each takes the first darker shade of its own palette that reaches 4.5:1, so a
 * gold tag stays gold. Fed to the theme as tokens: every `<Tag color="…">` of the app follows.
 */
export const TAG_TEXT_TOKENS = {
  gold7: '#874d00',
  lime7: '#3f6600',
  yellow7: '#876800',
  green7: '#237804',
  cyan7: '#006d75',
  orange7: '#ad4e00',
  volcano7: '#ad2102',
} as const;
