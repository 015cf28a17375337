import type { zhCNWorkbench } from './zh-CN.workbench';

/** en-US UI strings of the workbench (the business user's home, issue 13). */
export const enUSWorkbench: typeof zhCNWorkbench = {
  workbench: {
    title: 'Workbench',
    todo: 'My to-dos',
    empty: 'Nothing waiting',
    allEmpty: 'Nothing is waiting for you: all work is on time',
    openLedger: 'See all {count}',
    more: '{count} more',
    due: 'Due {date}',
    countLabel: '{title}: {count}',
    showEmpty: 'Show the empty cards',
    hideEmpty: 'Hide the empty cards',
    accountInfo: 'My account',
    loadError: 'The workbench could not be loaded',
    card: {
      clueApprovals: 'Clue decisions awaiting my approval',
      cluesToRegister: 'Clues to register',
      cluesToAssign: 'Clues to assign',
      cluesProposalOverdue: 'Clues with a disposition proposal due',
      cluesInProgress: 'Clues in progress',
      casesOpen: 'Open cases',
      itemsOverdue: 'Overdue supervision items',
      itemsDueSoon: 'Supervision items due soon',
      tasksOverdue: 'Overdue rectification tasks',
      tasksDueSoon: 'Rectification tasks due soon',
      lettersToReview: 'Letters to review or sign off',
      lettersToServe: 'Letters to issue or serve',
      lettersReplyOverdue: 'Letters with an overdue reply',
      reportApprovals: 'Work reports awaiting my approval',
      decisionsOverdue: 'Overdue meeting decisions',
      lettersToAnswer: 'Letters awaiting our unit',
      unreadMessages: 'Unread messages',
    },
  },
};
