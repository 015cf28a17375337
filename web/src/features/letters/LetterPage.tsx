import { ArrowLeftOutlined, EditOutlined, FilePdfOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { LETTER_EDITABLE_STATES, type LetterState } from '@liandong/domain/reform/machine';
import { App, Button, Card, Col, Flex, Row, Space, Steps, type StepsProps, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, downloadFile } from '../../api/client';
import { EnumTag } from '../../components/EnumTag';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { Statlet } from '../../components/Statlet';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type LetterDetail, letterUrls, useLetter } from './api';
import { LetterStateTag, LETTER_TYPE_COLORS, ReplyStatus } from './components';
import { LetterActions } from './LetterActions';
import { LetterPreview } from './LetterPreview';
import { FactsCard, LetterTimeline, OpinionsCard, TasksCard } from './LetterSections';
import { SourceProblems } from '../problems/SourceProblems';

/** The ten steps of a letter (c.6): drafting to closing. */
const STEPS: MessageKey[] = [
  'letter.step.draft',
  'letter.step.consult',
  'letter.step.review',
  'letter.step.approve',
  'letter.step.issue',
  'letter.step.serve',
  'letter.step.rectify',
  'letter.step.reply',
  'letter.step.evaluate',
  'letter.step.close',
];
/** The step being worked on in each state. */
const CURRENT: Record<LetterState, number> = {
  DRAFTING: 0,
  CONSULTING: 1,
  UNDER_REVIEW: 2,
  APPROVED: 4,
  ISSUED: 5,
  SERVED: 6,
  OBJECTED: 6,
  AMENDING: 3,
  RECTIFYING: 6,
  REPLIED: 8,
  EVALUATED: 9,
  CLOSED: 9,
  NON_COMPLIANT: 6,
  ESCALATED: 6,
  WITHDRAWN: 0,
};

function LetterSteps({ letter }: { letter: LetterDetail }) {
  const { t } = useI18n();
  let current = CURRENT[letter.state];
  let status: StepsProps['status'] = 'process';
  if (letter.state === 'CLOSED') status = 'finish';
  if (letter.state === 'OBJECTED') status = 'wait';
  if (letter.state === 'NON_COMPLIANT' || letter.state === 'ESCALATED') status = 'error';
  if (letter.state === 'WITHDRAWN') {
    const from = [...letter.timeline].reverse().find((e) => e.toState === 'WITHDRAWN')?.fromState;
    current = from && from !== 'WITHDRAWN' ? CURRENT[from] : 0;
    status = 'error';
  }
  const dates: Partial<Record<number, string | null>> = {
    3: letter.approvedAt,
    4: letter.issuedOn,
    5: letter.servedOn,
    7: letter.repliedOn,
    8: letter.evaluatedOn,
    9: letter.closedOn,
  };
  return (
    <Steps
      size="small"
      titlePlacement="vertical"
      current={current}
      status={status}
      data-testid="letter-steps"
      data-current={current}
      style={{ overflowX: 'auto', paddingBottom: 4 }}
      items={STEPS.map((key, i) => ({
        key,
        title: t(key),
        content: i === current && letter.state === 'OBJECTED' ? t('letter.objectionPending') : i <= current && dates[i] ? formatDate(dates[i]) : undefined,
      }))}
    />
  );
}

/** 建议书: where the letter stands, what the caller may do now, its text as printed, opinions, tasks and timeline. */
export function LetterPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useLetter(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const letter = query.data;
  return (
    <Page
      bare
      testId="letter-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('letter.back')} />
          <span data-testid="letter-title">{letter.title}</span>
        </Space>
      }
      description={
        <Space wrap size={4}>
          <span data-testid="letter-header-doc-no">{letter.docNo ?? t('letter.unnumbered')}</span>
          <span>·</span>
          <span>{letter.recipientName}</span>
          <span>·</span>
          <span>{letter.draftingOrg.name}</span>
          {letter.sourceProblems.length ? (
            <>
              <span>·</span>
              <span>{t('problem.source')}：</span>
              <SourceProblems problems={letter.sourceProblems} />
            </>
          ) : null}
        </Space>
      }
      extra={<DocumentButtons letter={letter} />}
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={24} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Flex wrap gap={24} align="center">
            <Statlet title={t('letter.state')}>
              <span data-testid="letter-state" data-state={letter.state}>
                <LetterStateTag state={letter.state} />
              </span>
            </Statlet>
            <Statlet title={t('letter.type')}>
              <EnumTag labels={LETTER_TYPE_LABELS} value={letter.type} colors={LETTER_TYPE_COLORS} />
            </Statlet>
            {letter.replyDue ? (
              <Statlet title={t('letter.replyStatus')}>
                <ReplyStatus letter={letter} />
              </Statlet>
            ) : null}
            {letter.evaluationScore !== null ? <Statlet title={t('letter.score')}>{letter.evaluationScore}</Statlet> : null}
          </Flex>
          <Space wrap>
            {letter.abilities.update && LETTER_EDITABLE_STATES.includes(letter.state) ? (
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/letters/${letter.id}/edit`)} data-testid="letter-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            <LetterActions letter={letter} />
          </Space>
        </Flex>
        <LetterSteps letter={letter} />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Tabs
            defaultActiveKey={letter.tasks.length ? 'tasks' : 'text'}
            items={[
              {
                key: 'text',
                label: <span data-testid="letter-tab-text">{t('letter.tabText')}</span>,
                children: <LetterPreview letter={{ ...letter, draft: !letter.docNo, issuedOn: letter.issuedOn ?? undefined }} />,
              },
              { key: 'facts', label: <span data-testid="letter-tab-facts">{t('letter.tabFacts')}</span>, children: <FactsCard letter={letter} /> },
              { key: 'opinions', label: <span data-testid="letter-tab-opinions">{t('letter.tabOpinions')}</span>, children: <OpinionsCard letter={letter} /> },
              {
                key: 'tasks',
                label: <span data-testid="letter-tab-tasks">{t('letter.tabTasks', { count: letter.tasks.length })}</span>,
                children: <TasksCard letter={letter} />,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <LetterTimeline letter={letter} />
        </Col>
      </Row>
    </Page>
  );
}

/** 下载 DOCX (a 草稿 without number before issue) and PDF (501 with a message when LibreOffice is missing). */
function DocumentButtons({ letter }: { letter: LetterDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState<'docx' | 'print' | 'pdf' | null>(null);
  const [pdfMissing, setPdfMissing] = useState(false);
  const [fontNote, setFontNote] = useState<string | null>(null);
  if (!letter.abilities.exportDocx) return null;
  const name = letter.docNo ?? letter.title;
  const get = async (kind: 'docx' | 'print' | 'pdf') => {
    setBusy(kind);
    try {
      const url = kind === 'docx' ? letterUrls.docx(letter.id) : kind === 'print' ? letterUrls.printDocx(letter.id) : letterUrls.pdf(letter.id);
      const headers = await downloadFile(url, `${name}.${kind === 'pdf' ? 'pdf' : 'docx'}`);
      // The server names the official fonts it had to replace in the PDF.
      const subs = kind === 'pdf' ? headers.get('X-Font-Substitution') : null;
      if (subs) setFontNote(decodeURIComponent(subs));
    } catch (err) {
      if (kind === 'pdf' && err instanceof ApiError && err.status === 501) {
        setPdfMissing(true);
        message.warning(err.message);
      } else onError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void get('docx')} data-testid="letter-docx">
        {letter.docNo ? t('letter.downloadDocx') : t('letter.downloadDraftDocx')}
      </Button>
      {letter.docNo ? (
        <Button icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void get('print')} data-testid="letter-print-docx">
          {t('letter.downloadPrintDocx')}
        </Button>
      ) : null}
      {pdfMissing ? null : (
        <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void get('pdf')} data-testid="letter-pdf">
          {t('letter.downloadPdf')}
        </Button>
      )}
      {fontNote ? (
        <Typography.Text type="secondary" data-testid="letter-pdf-fonts">
          {t('letter.pdfFontNote', { fonts: fontNote })}
        </Typography.Text>
      ) : null}
    </>
  );
}
