import { UploadOutlined } from '@ant-design/icons';
import type { Finding } from '@liandong/domain/inspections/contracts';
import { FINDING_DISPOSITION_LABELS, HANDED_OVER_LABELS, SEVERITY_LABELS } from '@liandong/domain/inspections/enums';
import { App, Button, Card, Flex, Image, Popconfirm, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type InspectionDetail, photoUrl, useDeleteFinding, useUploadPhoto } from './api';
import { HandOverModal, type HandOverTarget } from './HandOverModal';

const SEVERITY_COLORS = { LOW: 'default', MEDIUM: 'orange', HIGH: 'red' } as const;
const LINKS: Record<HandOverTarget, (id: string) => string> = {
  clue: (id) => `/clues/${id}`,
  rectification_task: (id) => `/rectification/${id}`,
  accountability: () => '/accountability',
};

/** A finding: description, unit, photos (previews; upload while open), the hand-over buttons or where it went. */
export function FindingCard({ campaignId, inspection, finding: f }: { campaignId: string; inspection: InspectionDetail; finding: Finding }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const upload = useUploadPhoto(campaignId, inspection.id);
  const remove = useDeleteFinding(campaignId);
  const [handing, setHanding] = useState<HandOverTarget | null>(null);
  return (
    <Card size="small" data-testid="finding-card">
      <Flex vertical gap={8}>
        <Flex gap={6} wrap align="center">
          <EnumTag labels={SEVERITY_LABELS} value={f.severity} colors={SEVERITY_COLORS} />
          <Tag>{f.unit.name}</Tag>
          <EnumTag labels={FINDING_DISPOSITION_LABELS} value={f.disposition} />
          {f.handedOver ? (
            <Tag color="green">
              {t('insp.handedOver')}
              {label(HANDED_OVER_LABELS, f.handedOver.type)} ·{' '}
              <Link to={LINKS[f.handedOver.type](f.handedOver.id)} data-testid="finding-handed-over-link">
                {t('insp.open')}
              </Link>
            </Tag>
          ) : null}
        </Flex>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{f.description}</Typography.Paragraph>
        {f.photos.length ? (
          <Image.PreviewGroup>
            <Flex gap={8} wrap>
              {f.photos.map((p) => (
                <Image key={p.id} src={photoUrl(p.id)} alt={p.filename} width={96} height={96} style={{ objectFit: 'cover' }} />
              ))}
            </Flex>
          </Image.PreviewGroup>
        ) : null}
        {f.abilities.update ? (
          <Flex gap={8} wrap>
            <Upload
              accept="image/png,image/jpeg,image/gif"
              showUploadList={false}
              customRequest={({ file }) =>
                upload.mutate({ findingId: f.id, file: file as File }, { onSuccess: () => message.success(t('insp.uploaded')), onError: (err) => onError(err) })
              }
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} title={t('insp.photoHint')}>
                {t('insp.uploadPhoto')}
              </Button>
            </Upload>
            {f.abilities.handOver ? (
              <>
                <Button size="small" data-testid="handover-clue" onClick={() => setHanding('clue')}>
                  {t('insp.handOverClue')}
                </Button>
                <Button size="small" data-testid="handover-task" onClick={() => setHanding('rectification_task')}>
                  {t('insp.handOverTask')}
                </Button>
                <Button size="small" data-testid="handover-accountability" onClick={() => setHanding('accountability')}>
                  {t('insp.handOverAccountability')}
                </Button>
              </>
            ) : null}
            <Popconfirm title={t('insp.confirmDelete')} onConfirm={() => remove.mutate({ id: f.id, version: f.version }, { onError: (err) => onError(err) })}>
              <Button size="small" danger type="text">
                {t('insp.deleteFinding')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>
      <HandOverModal campaignId={campaignId} inspectionId={inspection.id} finding={f} target={handing} onClose={() => setHanding(null)} />
    </Card>
  );
}
