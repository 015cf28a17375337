import type { Role, UserStatus } from '@liandong/domain/access/enums';
import type { LinkType, OrgKind } from '@liandong/domain/org/enums';

/**
 * Tag colours per shared enum value (labels come from `domain`, colours are a screen concern). Any preset
 * name may be used: styles.css darkens the text of those whose antd default is under 4.5:1 contrast.
 */
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
