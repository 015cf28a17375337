-- Issue 12: the rectification-task board counts its lights up to the cap, per org in scope (keyed-page.ts). RED,
-- YELLOW and GREEN are running tasks by deadline: per org, an index of the running tasks in deadline order reads only
-- the rows counted (a 分管领导's RED count read every closed task past its deadline in 64 orgs before it found 1,001
-- running ones: 68 ms).
CREATE INDEX rectification_task_supervisor_running ON rectification_task (supervisor_org_id, deadline, id)
  WHERE state NOT IN ('VERIFIED', 'CLOSED');
CREATE INDEX rectification_task_unit_running ON rectification_task (unit_org_id, deadline, id)
  WHERE state NOT IN ('VERIFIED', 'CLOSED');
