import { addMonths, addWorkingDays, type IsoDay, type WorkCalendar } from '../calendar/calendar';

/**
 * Legal time limits of clue handling (domain.md c.1), counted in 工作日 on the commission's calendar
 * (with 调休) or in calendar months (addMonths, on the calendar beside the working days).
 */
export { addMonths };

export interface ClueDeadlines {
  /** Real-name report: tell the complainant it was accepted within 15 working days of receipt [C S11]. */
  acknowledgeBy: IsoDay | null;
  /** Disposition proposal within one month of receipt (2019 规则 art.21(2)) [C S11]. */
  proposeBy: IsoDay;
  /** Upper-level assignment (交办件): 3 months, +3 with the principal leader's approval ("3+3+N") [C S11]. */
  assignedCaseBy: IsoDay | null;
}

export function clueDeadlines(cal: WorkCalendar, c: { receivedOn: IsoDay; realName: boolean; upperAssigned: boolean; extensions?: number }): ClueDeadlines {
  return {
    acknowledgeBy: c.realName ? addWorkingDays(cal, c.receivedOn, 15) : null,
    proposeBy: addMonths(c.receivedOn, 1),
    assignedCaseBy: c.upperAssigned ? addMonths(c.receivedOn, 3 * (1 + Math.min(c.extensions ?? 0, 1))) : null,
  };
}

/** 函询: the written reply is due 15 working days after the person receives the letter [R 2019 art.29]. */
export function letterReplyDue(cal: WorkCalendar, letterReceivedOn: IsoDay): IsoDay {
  return addWorkingDays(cal, letterReceivedOn, 15);
}

/** The 谈话函询 report is due one month after the talk or the reply [R 2019 art.30]. */
export function inquiryReportDue(talkOrReplyOn: IsoDay): IsoDay {
  return addMonths(talkOrReplyOn, 1);
}

/** Real-name complainant: result feedback within 15 working days after 办结 [C S11]. */
export function resultFeedbackDue(cal: WorkCalendar, closedOn: IsoDay): IsoDay {
  return addWorkingDays(cal, closedOn, 15);
}
