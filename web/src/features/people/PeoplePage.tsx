import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form, Input, Modal, Skeleton, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { EntityDescriptions, toColumns } from '../../components/entity';
import { FilterBar } from '../../components/FilterBar';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { type Person, usePeople, usePerson, useRevealIdNumber, useSetIdNumber } from './api';
import { personFields } from './columns';

interface Filters {
  q?: string;
  unitId?: string;
}

/** 人员信息: people of the units in the caller's scope; ID numbers masked unless revealed (audited). */
export function PeoplePage() {
  const t = useT();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string | null>(null);
  const query = usePeople({ ...filters, q: filters.q?.trim() || undefined, ...page });
  const columns = useMemo(() => toColumns(personFields(t)), [t]);
  return (
    <Page title={t('menu.people')}>
      <FilterBar<Filters>
        form={form}
        onSearch={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('people.qPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="unitId" label={t('people.unit')}>
          <OrgSelect style={{ width: 240 }} />
        </Form.Item>
      </FilterBar>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<Person>
          rowKey="id"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={columns}
          scroll={{ x: 1000 }}
          onRow={(p) => ({ onClick: () => setOpenId(p.id), style: { cursor: 'pointer' } })}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
        />
      )}
      <PersonDrawer id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}

function PersonDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const query = usePerson(id);
  const reveal = useRevealIdNumber();
  const onError = useApiErrorHandler();
  const [revealed, setRevealed] = useState<{ id: string; idNumber: string } | null>(null);
  const [setting, setSetting] = useState(false);
  const person = query.data;
  const fields = useMemo(() => personFields(t), [t]);

  const askReveal = (p: Person) =>
    modal.confirm({
      title: t('people.revealTitle'),
      content: t('people.revealConfirm'),
      okText: t('people.reveal'),
      onOk: async () => {
        try {
          const { idNumber } = await reveal.mutateAsync(p.id);
          setRevealed({ id: p.id, idNumber });
        } catch (err) {
          onError(err);
        }
      },
    });

  const close = () => {
    setRevealed(null);
    onClose();
  };
  const shown = person && revealed?.id === person.id ? revealed.idNumber : null;
  const detailFields = fields.map((f) =>
    f.key === 'idNumberMasked' && person
      ? {
          ...f,
          render: () => (
            <Typography.Text className="ld-mono">
              {shown ?? person.idNumberMasked ?? '—'}{' '}
              {person.hasIdNumber && person.abilities.revealIdNumber && !shown ? (
                <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => askReveal(person)} data-testid="reveal-id-number">
                  {t('people.reveal')}
                </Button>
              ) : null}
              {person.abilities.setIdNumber ? (
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setSetting(true)} data-testid="set-id-number">
                  {person.hasIdNumber ? t('people.changeIdNumber') : t('people.setIdNumber')}
                </Button>
              ) : null}
            </Typography.Text>
          ),
        }
      : f,
  );
  return (
    <Drawer open={id !== null} title={person?.nameZh ?? t('people.detail')} size={640} onClose={close} destroyOnHidden>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !person ? (
        <Skeleton active />
      ) : (
        <EntityDescriptions fields={detailFields} record={person} column={1} />
      )}
      <IdNumberModal person={setting && person ? person : null} onClose={() => setSetting(false)} onSaved={() => setRevealed(null)} />
    </Drawer>
  );
}

/** 录入/更正身份证号 (stored encrypted; the server verifies the check character). */
function IdNumberModal({ person, onClose, onSaved }: { person: Person | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idNumber: string }>();
  const save = useSetIdNumber();
  const onError = useApiErrorHandler();
  const submit = async () => {
    if (!person) return;
    const { idNumber } = await form.validateFields();
    try {
      await save.mutateAsync({ id: person.id, version: person.version, idNumber: idNumber.trim().toUpperCase() });
      message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open={person !== null} title={t('people.setIdNumber')} onOk={submit} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('people.idNumberHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="idNumber"
          label={t('people.idNumber')}
          rules={[
            { required: true, whitespace: true, message: t('people.idNumberRequired') },
            { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('people.idNumberFormat') },
          ]}
        >
          <Input maxLength={20} className="ld-mono" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
