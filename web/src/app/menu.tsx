import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CrownOutlined,
  DeploymentUnitOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FolderOpenOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  LockOutlined,
  MailOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShareAltOutlined,
  SolutionOutlined,
  TableOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Me } from '@liandong/domain/auth/contracts';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { canOpen, type MenuPath } from '../lib/access';
import type { TFunction } from '../lib/i18n';
import type { MessageKey } from '../locales/zh-CN';

interface Leaf {
  /** A menu screen (domain MENU_PATHS, which the menu-access test walks for every role). */
  path: MenuPath;
  label: MessageKey;
  icon: ReactNode;
}
interface Group {
  key: string;
  label: MessageKey;
  icon: ReactNode;
  children: Leaf[];
}

/** The left menu; an item shows when the user may open its screen (lib/access.ts). */
const MENU: (Leaf | Group)[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { path: '/cockpit', label: 'leaderCockpit.menu', icon: <FundOutlined /> },
  // The unit contact's portal (UNIT_LIAISON only).
  { path: '/portal/letters', label: 'portal.menuLetters', icon: <MailOutlined /> },
  { path: '/portal/tasks', label: 'portal.menuTasks', icon: <CarryOutOutlined /> },
  { path: '/portal/self-inspection', label: 'selfInspection.menuPortal', icon: <FileSearchOutlined /> },
  {
    key: 'org',
    label: 'menu.orgGroup',
    icon: <ApartmentOutlined />,
    children: [
      { path: '/org/tree', label: 'menu.orgTree', icon: <ClusterOutlined /> },
      { path: '/org/map', label: 'menu.orgMap', icon: <DeploymentUnitOutlined /> },
      { path: '/org/leaders', label: 'menu.orgLeaders', icon: <CrownOutlined /> },
      { path: '/org/zones', label: 'menu.orgZones', icon: <ApartmentOutlined /> },
      { path: '/people', label: 'menu.people', icon: <TeamOutlined /> },
    ],
  },
  {
    key: 'supervision',
    label: 'menu.supGroup',
    icon: <FileDoneOutlined />,
    children: [
      { path: '/supervision/my-items', label: 'menu.supMyItems', icon: <CheckSquareOutlined /> },
      { path: '/supervision/lists', label: 'menu.supLists', icon: <UnorderedListOutlined /> },
      { path: '/supervision/matrix', label: 'menu.supMatrix', icon: <TableOutlined /> },
      { path: '/supervision/zone-activities', label: 'menu.supZoneActivities', icon: <EnvironmentOutlined /> },
    ],
  },
  {
    key: 'clues',
    label: 'clue.menuGroup',
    icon: <InboxOutlined />,
    children: [
      { path: '/clues', label: 'clue.menuLedger', icon: <ProfileOutlined /> },
      { path: '/clues/new', label: 'clue.menuIntake', icon: <FormOutlined /> },
      { path: '/clues/approvals', label: 'clue.menuApprovals', icon: <AuditOutlined /> },
      { path: '/clues/meetings', label: 'clue.menuMeetings', icon: <TeamOutlined /> },
      { path: '/clues/overdue', label: 'clue.menuOverdue', icon: <FieldTimeOutlined /> },
    ],
  },
  {
    key: 'cases',
    label: 'cases.menuGroup',
    icon: <FolderOpenOutlined />,
    children: [
      { path: '/cases', label: 'cases.menuLedger', icon: <UnorderedListOutlined /> },
      { path: '/cases/trial', label: 'cases.menuTrial', icon: <SolutionOutlined /> },
      { path: '/cases/interference', label: 'cases.menuInterference', icon: <AlertOutlined /> },
      { path: '/casework/search', label: 'cases.menuSearch', icon: <FileSearchOutlined /> },
      { path: '/casework/dashboard', label: 'cases.menuDashboard', icon: <BarChartOutlined /> },
    ],
  },
  {
    key: 'campaigns',
    label: 'campaign.menu',
    icon: <FlagOutlined />,
    children: [{ path: '/campaigns', label: 'campaign.menuRegister', icon: <ProfileOutlined /> }],
  },
  {
    key: 'reform',
    label: 'reform.menuGroup',
    icon: <ReconciliationOutlined />,
    children: [
      { path: '/reform', label: 'reform.menuRecords', icon: <ProfileOutlined /> },
      { path: '/problems', label: 'problem.menu', icon: <ClusterOutlined /> },
      { path: '/problems/candidates', label: 'problem.candidates', icon: <ClusterOutlined /> },
      { path: '/letters', label: 'reform.menuLetters', icon: <FileProtectOutlined /> },
      { path: '/rectification', label: 'reform.menuRectification', icon: <ScheduleOutlined /> },
      { path: '/accountability', label: 'reform.menuAccountability', icon: <AuditOutlined /> },
      { path: '/bulletins', label: 'reform.menuBulletins', icon: <NotificationOutlined /> },
    ],
  },
  { path: '/integrity', label: 'integrity.menu', icon: <SafetyOutlined /> },
  {
    key: 'integrity-files',
    label: 'integrityFile.menu',
    icon: <FolderOpenOutlined />,
    children: [
      { path: '/integrity-files', label: 'integrityFile.menuFiles', icon: <ProfileOutlined /> },
      { path: '/integrity-files/requests', label: 'integrityFile.menuRequests', icon: <FormOutlined /> },
      { path: '/integrity-files/approvals', label: 'integrityFile.menuApprovals', icon: <AuditOutlined /> },
      { path: '/integrity-files/log', label: 'integrityFile.menuLog', icon: <FileSearchOutlined /> },
      { path: '/integrity-files/requests/all', label: 'integrityFile.menuAllRequests', icon: <UnorderedListOutlined /> },
    ],
  },
  { path: '/secondments', label: 'secondment.menu', icon: <UserSwitchOutlined /> },
  {
    key: 'meetings',
    label: 'meeting.menuGroup',
    icon: <CalendarOutlined />,
    children: [
      { path: '/meetings', label: 'meeting.menuCalendar', icon: <CalendarOutlined /> },
      { path: '/meetings/decisions', label: 'meeting.menuDecisions', icon: <FileDoneOutlined /> },
      { path: '/work-reports', label: 'workReport.menu', icon: <ScheduleOutlined /> },
    ],
  },
  { path: '/shares', label: 'shares.menu', icon: <ShareAltOutlined /> },
  {
    key: 'admin',
    label: 'menu.adminGroup',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/users', label: 'menu.adminUsers', icon: <UserSwitchOutlined /> },
      { path: '/admin/sessions', label: 'menu.adminSessions', icon: <DesktopOutlined /> },
      { path: '/admin/login-log', label: 'menu.adminLoginLog', icon: <ProfileOutlined /> },
      { path: '/admin/calendar', label: 'menu.adminCalendar', icon: <CalendarOutlined /> },
      { path: '/admin/dictionaries', label: 'menu.adminDictionaries', icon: <BookOutlined /> },
      { path: '/admin/settings', label: 'menu.adminSettings', icon: <SettingOutlined /> },
    ],
  },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined /> },
  {
    key: 'account',
    label: 'menu.accountGroup',
    icon: <UserOutlined />,
    children: [
      { path: '/inbox', label: 'menu.inbox', icon: <BellOutlined /> },
      { path: '/task-forces/mine', label: 'menu.myTaskForces', icon: <TeamOutlined /> },
      { path: '/mentees', label: 'secondment.menuMentees', icon: <SolutionOutlined /> },
      { path: '/account/password', label: 'menu.password', icon: <LockOutlined /> },
      { path: '/account/totp', label: 'menu.totp', icon: <SafetyCertificateOutlined /> },
      { path: '/account/sessions', label: 'menu.mySessions', icon: <KeyOutlined /> },
    ],
  },
];

function leafItem(leaf: Leaf, t: TFunction) {
  return {
    key: leaf.path,
    icon: leaf.icon,
    label: (
      <Link to={leaf.path} data-testid={`menu-${leaf.path}`}>
        {t(leaf.label)}
      </Link>
    ),
  };
}

/** Menu items (keys = paths) for this user. */
export function buildMenuItems(me: Me, t: TFunction): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [];
  for (const entry of MENU) {
    if ('path' in entry) {
      if (canOpen(entry.path, me)) items.push(leafItem(entry, t));
      continue;
    }
    const children = entry.children.filter((c) => canOpen(c.path, me)).map((c) => leafItem(c, t));
    if (children.length) items.push({ key: entry.key, icon: entry.icon, label: t(entry.label), children });
  }
  return items;
}

export const MENU_GROUP_KEYS = MENU.filter((e): e is Group => 'key' in e).map((g) => g.key);

/** The open submenu for a path (so a deep link shows its group expanded). */
export function groupOf(path: string): string | undefined {
  return MENU.find((e): e is Group => 'key' in e && e.children.some((c) => c.path === path))?.key;
}
