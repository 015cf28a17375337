import { ISSUE_TYPE_LABELS, type IssueType } from '@liandong/domain/clues/enums';
import { CADRE_MANAGEMENT_LABELS, type CadreManagement } from '@liandong/domain/org/enums';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type Finding, useHandOverFinding } from './api';

interface Values {
  title?: string;
  subjectName: string;
  subjectPosition?: string;
  issueTypes?: IssueType[];
  cadreManagement: CadreManagement;
  isSubordinateTopLeader: boolean;
}

/**
 * 移交为问题线索: one click on a finding proposed as a clue (disposition CLUE) files it with the 案管室 as a
 * clue found in supervision; the user names the person concerned, then lands on the new clue.
 */
export function HandOverModal({ finding, onClose }: { finding: Finding | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const handOver = useHandOverFinding();
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    if (!finding) return;
    try {
      const clue = await handOver.mutateAsync({
        findingId: finding.id,
        body: {
          title: v.title?.trim() || undefined,
          subjectName: v.subjectName.trim(),
          subjectPosition: v.subjectPosition?.trim() || null,
          issueTypes: v.issueTypes,
          cadreManagement: v.cadreManagement,
          isSubordinateTopLeader: v.isSubordinateTopLeader,
        },
      });
      message.success(t('sup.handOverDone'));
      onClose();
      navigate(`/clues/${clue.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={finding !== null}
      title={t('sup.handOverTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('sup.handOver')}
      okButtonProps={{ loading: handOver.isPending, 'data-testid': 'hand-over-submit' }}
      destroyOnHidden
      width={620}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sup.handOverHint')} description={finding?.description} />
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ cadreManagement: 'OTHER', isSubordinateTopLeader: false }}>
        <Form.Item name="title" label={t('sup.handOverClueTitle')} rules={[{ max: 200 }]}>
          <Input placeholder={t('sup.handOverClueTitlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="subjectName"
          label={t('sup.handOverSubject')}
          rules={[{ required: true, whitespace: true, message: t('sup.handOverSubjectRequired') }, { max: 50 }]}
        >
          <Input data-testid="hand-over-subject" />
        </Form.Item>
        <Form.Item name="subjectPosition" label={t('sup.handOverPosition')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issueTypes" label={t('sup.handOverIssueTypes')}>
          <Select mode="multiple" options={enumOptions(ISSUE_TYPE_LABELS, label)} />
        </Form.Item>
        <Form.Item name="cadreManagement" label={t('sup.handOverCadre')}>
          <Select options={enumOptions(CADRE_MANAGEMENT_LABELS, label)} />
        </Form.Item>
        <Form.Item name="isSubordinateTopLeader" label={t('sup.handOverTopLeader')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
