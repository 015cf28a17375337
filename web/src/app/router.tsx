import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageLoading } from '../components/PageLoading';
import { LoginPage } from '../features/auth/LoginPage';
import type { ScreenPath } from '../lib/access';

type Page = LazyExoticComponent<ComponentType>;

/**
 * The signed-in frame (header, menu, role checks) is a chunk of its own, like every screen: the sign-in page
 * loads neither it nor the access rules and shared enums it needs (first load of /login, issue 12).
 */
const frame = () => import('./AppLayout');
const AppLayout = lazy(() => frame().then((m) => ({ default: m.AppLayout })));
const Screen = lazy(() => frame().then((m) => ({ default: m.Screen })));
const Home = lazy(() => frame().then((m) => ({ default: m.Home })));
const NotFound = lazy(() => import('../components/Results').then((m) => ({ default: m.NotFound })));

/** Every screen is its own chunk, except the sign-in page: it is part of the first chunk (one request less on /login). */
const pages = {
  home: lazy(() => import('../features/home/HomePage').then((m) => ({ default: m.HomePage }))),
  orgTree: lazy(() => import('../features/org/OrgTreePage').then((m) => ({ default: m.OrgTreePage }))),
  orgMap: lazy(() => import('../features/org/LinkageMapPage').then((m) => ({ default: m.LinkageMapPage }))),
  leaders: lazy(() => import('../features/org/LeadersPage').then((m) => ({ default: m.LeadersPage }))),
  zones: lazy(() => import('../features/org/ZonesPage').then((m) => ({ default: m.ZonesPage }))),
  people: lazy(() => import('../features/people/PeoplePage').then((m) => ({ default: m.PeoplePage }))),
  users: lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage }))),
  adminSessions: lazy(() => import('../features/auth/AdminSessionsPage').then((m) => ({ default: m.AdminSessionsPage }))),
  loginLog: lazy(() => import('../features/auth/LoginLogPage').then((m) => ({ default: m.LoginLogPage }))),
  calendar: lazy(() => import('../features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage }))),
  dictionaries: lazy(() => import('../features/dictionaries/DictionariesPage').then((m) => ({ default: m.DictionariesPage }))),
  settings: lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage }))),
  audit: lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage }))),
  myItems: lazy(() => import('../features/supervision/MyItemsPage').then((m) => ({ default: m.MyItemsPage }))),
  item: lazy(() => import('../features/supervision/ItemDetailPage').then((m) => ({ default: m.ItemDetailPage }))),
  lists: lazy(() => import('../features/supervision/ListsPage').then((m) => ({ default: m.ListsPage }))),
  list: lazy(() => import('../features/supervision/ListDetailPage').then((m) => ({ default: m.ListDetailPage }))),
  matrix: lazy(() => import('../features/supervision/MatrixPage').then((m) => ({ default: m.MatrixPage }))),
  zoneActivities: lazy(() => import('../features/zone-activities/ZoneActivitiesPage').then((m) => ({ default: m.ZoneActivitiesPage }))),
  clueLedger: lazy(() => import('../features/clues/LedgerPage').then((m) => ({ default: m.LedgerPage }))),
  clueIntake: lazy(() => import('../features/clues/IntakePage').then((m) => ({ default: m.IntakePage }))),
  clueApprovals: lazy(() => import('../features/clues/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage }))),
  clueMeetings: lazy(() => import('../features/clues/MeetingsPage').then((m) => ({ default: m.MeetingsPage }))),
  clueOverdue: lazy(() => import('../features/clues/OverduePage').then((m) => ({ default: m.OverduePage }))),
  clue: lazy(() => import('../features/clues/CluePage').then((m) => ({ default: m.CluePage }))),
  cases: lazy(() => import('../features/cases/CasesPage').then((m) => ({ default: m.CasesPage }))),
  trial: lazy(() => import('../features/cases/TrialPage').then((m) => ({ default: m.TrialPage }))),
  caseDetail: lazy(() => import('../features/cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage }))),
  interference: lazy(() => import('../features/cases/InterferencePage').then((m) => ({ default: m.InterferencePage }))),
  search: lazy(() => import('../features/casework/SearchPage').then((m) => ({ default: m.SearchPage }))),
  dashboard: lazy(() => import('../features/casework/DashboardPage').then((m) => ({ default: m.DashboardPage }))),
  problems: lazy(() => import('../features/problems/ProblemsPage').then((m) => ({ default: m.ProblemsPage }))),
  problem: lazy(() => import('../features/problems/ProblemPage').then((m) => ({ default: m.ProblemPage }))),
  problemCandidates: lazy(() => import('../features/problems/CandidatesPage').then((m) => ({ default: m.CandidatesPage }))),
  reformRecords: lazy(() => import('../features/reform/RecordsPage').then((m) => ({ default: m.RecordsPage }))),
  reformRecord: lazy(() => import('../features/reform/RecordPage').then((m) => ({ default: m.RecordPage }))),
  rectification: lazy(() => import('../features/reform/BoardPage').then((m) => ({ default: m.BoardPage }))),
  rectificationTask: lazy(() => import('../features/reform/TaskPage').then((m) => ({ default: m.TaskPage }))),
  campaigns: lazy(() => import('../features/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage }))),
  campaignForm: lazy(() => import('../features/campaigns/CampaignFormPage').then((m) => ({ default: m.CampaignFormPage }))),
  campaign: lazy(() => import('../features/campaigns/CampaignPage').then((m) => ({ default: m.CampaignPage }))),
  accountability: lazy(() => import('../features/reform/AccountabilityPage').then((m) => ({ default: m.AccountabilityPage }))),
  letters: lazy(() => import('../features/letters/LedgerPage').then((m) => ({ default: m.LedgerPage }))),
  letterNew: lazy(() => import('../features/letters/EditorPage').then((m) => ({ default: m.EditorPage }))),
  letter: lazy(() => import('../features/letters/LetterPage').then((m) => ({ default: m.LetterPage }))),
  bulletins: lazy(() => import('../features/letters/BulletinsPage').then((m) => ({ default: m.BulletinsPage }))),
  leaderCockpit: lazy(() => import('../features/cockpit/CockpitPage').then((m) => ({ default: m.CockpitPage }))),
  campaignCockpit: lazy(() => import('../features/campaign-cockpit/CockpitPage').then((m) => ({ default: m.CockpitPage }))),
  portalLetters: lazy(() => import('../features/portal/MyLettersPage').then((m) => ({ default: m.MyLettersPage }))),
  portalLetter: lazy(() => import('../features/portal/MyLetterPage').then((m) => ({ default: m.MyLetterPage }))),
  portalTasks: lazy(() => import('../features/portal/MyTasksPage').then((m) => ({ default: m.MyTasksPage }))),
  portalTask: lazy(() => import('../features/portal/MyTaskPage').then((m) => ({ default: m.MyTaskPage }))),
  inspections: lazy(() => import('../features/inspections/InspectionsPage').then((m) => ({ default: m.InspectionsPage }))),
  integrity: lazy(() => import('../features/integrity/LedgerPage').then((m) => ({ default: m.LedgerPage }))),
  secondments: lazy(() => import('../features/secondments/SecondmentsPage').then((m) => ({ default: m.SecondmentsPage }))),
  mentees: lazy(() => import('../features/secondments/MenteesPage').then((m) => ({ default: m.MenteesPage }))),
  secondmentBatch: lazy(() => import('../features/secondments/BatchPage').then((m) => ({ default: m.BatchPage }))),
  integrityFiles: lazy(() => import('../features/integrity-files/FilesPage').then((m) => ({ default: m.FilesPage }))),
  integrityFile: lazy(() => import('../features/integrity-files/FilePage').then((m) => ({ default: m.FilePage }))),
  integrityFileRequests: lazy(() => import('../features/integrity-files/RequestsPage').then((m) => ({ default: m.RequestsPage }))),
  integrityFileApprovals: lazy(() => import('../features/integrity-files/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage }))),
  integrityFileAllRequests: lazy(() => import('../features/integrity-files/AllRequestsPage').then((m) => ({ default: m.AllRequestsPage }))),
  integrityFileLog: lazy(() => import('../features/integrity-files/LogPage').then((m) => ({ default: m.LogPage }))),
  integrityReply: lazy(() => import('../features/integrity/ReplyPage').then((m) => ({ default: m.ReplyPage }))),
  portalSelfRounds: lazy(() => import('../features/self-inspection/PortalRoundsPage').then((m) => ({ default: m.PortalRoundsPage }))),
  portalSelfRound: lazy(() => import('../features/self-inspection/PortalRoundPage').then((m) => ({ default: m.PortalRoundPage }))),
  campaignSelfInspection: lazy(() => import('../features/self-inspection/SelfInspectionPage').then((m) => ({ default: m.SelfInspectionPage }))),
  meetings: lazy(() => import('../features/meetings/MeetingsPage').then((m) => ({ default: m.MeetingsPage }))),
  meeting: lazy(() => import('../features/meetings/MeetingPage').then((m) => ({ default: m.MeetingPage }))),
  decisions: lazy(() => import('../features/meetings/DecisionsPage').then((m) => ({ default: m.DecisionsPage }))),
  decision: lazy(() => import('../features/meetings/DecisionPage').then((m) => ({ default: m.DecisionPage }))),
  shares: lazy(() => import('../features/shares/SharesPage').then((m) => ({ default: m.SharesPage }))),
  share: lazy(() => import('../features/shares/SharePage').then((m) => ({ default: m.SharePage }))),
  reportCalendar: lazy(() => import('../features/work-reports/CalendarPage').then((m) => ({ default: m.CalendarPage }))),
  workReport: lazy(() => import('../features/work-reports/ReportPage').then((m) => ({ default: m.ReportPage }))),
  inbox: lazy(() => import('../features/inbox/InboxPage').then((m) => ({ default: m.InboxPage }))),
  taskForce: lazy(() => import('../features/taskforces/TaskForcePage').then((m) => ({ default: m.TaskForcePage }))),
  myTaskForces: lazy(() => import('../features/taskforces/MyTaskForcesPage').then((m) => ({ default: m.MyTaskForcesPage }))),
  password: lazy(() => import('../features/auth/PasswordPage').then((m) => ({ default: m.PasswordPage }))),
  totp: lazy(() => import('../features/auth/TotpPage').then((m) => ({ default: m.TotpPage }))),
  mySessions: lazy(() => import('../features/auth/MySessionsPage').then((m) => ({ default: m.MySessionsPage }))),
} satisfies Record<string, Page>;

function screen(path: ScreenPath, Component: Page): RouteObject {
  const element =
    path === '/' ? (
      <Home>
        <Screen path={path}>
          <Component />
        </Screen>
      </Home>
    ) : (
      <Screen path={path}>
        <Component />
      </Screen>
    );
  return path === '/' ? { index: true, element } : { path: path.slice(1), element };
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: <LoginPage />,
  },
  {
    path: '/',
    element: (
      <Suspense fallback={<PageLoading />}>
        <AppLayout />
      </Suspense>
    ),
    children: [
      screen('/', pages.home),
      screen('/org/tree', pages.orgTree),
      screen('/org/map', pages.orgMap),
      screen('/org/leaders', pages.leaders),
      screen('/org/zones', pages.zones),
      screen('/people', pages.people),
      screen('/supervision/my-items', pages.myItems),
      screen('/supervision/items/:id', pages.item),
      screen('/supervision/lists', pages.lists),
      screen('/supervision/lists/:id', pages.list),
      screen('/supervision/matrix', pages.matrix),
      screen('/supervision/zone-activities', pages.zoneActivities),
      screen('/clues', pages.clueLedger),
      screen('/clues/new', pages.clueIntake),
      screen('/clues/approvals', pages.clueApprovals),
      screen('/clues/meetings', pages.clueMeetings),
      screen('/clues/overdue', pages.clueOverdue),
      screen('/clues/:id', pages.clue),
      screen('/cases', pages.cases),
      screen('/cases/trial', pages.trial),
      screen('/cases/interference', pages.interference),
      screen('/cases/:id', pages.caseDetail),
      screen('/casework/search', pages.search),
      screen('/casework/dashboard', pages.dashboard),
      screen('/cockpit', pages.leaderCockpit),
      screen('/reform', pages.reformRecords),
      screen('/reform/:id', pages.reformRecord),
      screen('/problems', pages.problems),
      screen('/problems/candidates', pages.problemCandidates),
      screen('/problems/:id', pages.problem),
      screen('/letters', pages.letters),
      screen('/letters/new', pages.letterNew),
      screen('/letters/:id', pages.letter),
      screen('/letters/:id/edit', pages.letterNew),
      screen('/rectification', pages.rectification),
      screen('/rectification/:id', pages.rectificationTask),
      screen('/accountability', pages.accountability),
      screen('/bulletins', pages.bulletins),
      screen('/campaigns', pages.campaigns),
      screen('/campaigns/new', pages.campaignForm),
      screen('/campaigns/:id', pages.campaign),
      screen('/campaigns/:id/edit', pages.campaignForm),
      screen('/campaigns/:id/cockpit', pages.campaignCockpit),
      screen('/portal/letters', pages.portalLetters),
      screen('/portal/letters/:id', pages.portalLetter),
      screen('/portal/tasks', pages.portalTasks),
      screen('/portal/tasks/:id', pages.portalTask),
      screen('/portal/self-inspection', pages.portalSelfRounds),
      screen('/portal/self-inspection/:roundId', pages.portalSelfRound),
      screen('/campaigns/:id/self-inspection', pages.campaignSelfInspection),
      screen('/admin/users', pages.users),
      screen('/admin/sessions', pages.adminSessions),
      screen('/admin/login-log', pages.loginLog),
      screen('/admin/calendar', pages.calendar),
      screen('/admin/dictionaries', pages.dictionaries),
      screen('/admin/settings', pages.settings),
      screen('/audit', pages.audit),
      screen('/campaigns/:id/inspections', pages.inspections),
      screen('/integrity', pages.integrity),
      screen('/integrity/:id', pages.integrityReply),
      screen('/integrity-files', pages.integrityFiles),
      screen('/integrity-files/requests', pages.integrityFileRequests),
      screen('/integrity-files/approvals', pages.integrityFileApprovals),
      screen('/integrity-files/log', pages.integrityFileLog),
      screen('/integrity-files/requests/all', pages.integrityFileAllRequests),
      screen('/integrity-files/:id', pages.integrityFile),
      screen('/secondments', pages.secondments),
      screen('/secondments/:id', pages.secondmentBatch),
      screen('/meetings', pages.meetings),
      screen('/meetings/decisions', pages.decisions),
      screen('/meetings/decisions/:id', pages.decision),
      screen('/meetings/:id', pages.meeting),
      screen('/shares', pages.shares),
      screen('/shares/:id', pages.share),
      screen('/work-reports', pages.reportCalendar),
      screen('/work-reports/:id', pages.workReport),
      screen('/inbox', pages.inbox),
      screen('/campaigns/:id/task-force', pages.taskForce),
      screen('/task-forces/mine', pages.myTaskForces),
      screen('/mentees', pages.mentees),
      screen('/account/password', pages.password),
      screen('/account/totp', pages.totp),
      screen('/account/sessions', pages.mySessions),
      {
        path: '*',
        element: (
          <Suspense fallback={<PageLoading />}>
            <NotFound />
          </Suspense>
        ),
      },
    ],
  },
]);
