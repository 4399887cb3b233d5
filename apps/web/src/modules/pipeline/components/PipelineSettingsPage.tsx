import { useEffect, useState } from 'react';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent } from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Skeleton,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, HolderOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Pipeline } from '@stratum/contracts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { isApiError } from '../../../app/api/errors.ts';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { pipelineApi } from '../api.ts';
import { useInvalidatePipeline, usePipelines } from '../hooks/usePipeline.ts';
import { PipelineEmpty, useTemplatePipeline } from './PipelineEmpty.tsx';
import '../pipeline.css';

interface StageRow {
  key: string;
  id?: string;
  name: string;
  probability: number;
}
interface Draft {
  name: string;
  stages: StageRow[];
  won: StageRow;
  lost: StageRow;
  reasons: { key: string; id?: string; name: string }[];
}

let seq = 0;
const newKey = () => `new-${++seq}`;

function toDraft(p: Pipeline): Draft {
  const row = (s: Pipeline['stages'][number]): StageRow => ({
    key: s.id,
    id: s.id,
    name: s.name,
    probability: s.probability,
  });
  return {
    name: p.name,
    stages: p.stages.filter((s) => s.kind === 'open').map(row),
    won: row(p.stages.find((s) => s.kind === 'won')!),
    lost: row(p.stages.find((s) => s.kind === 'lost')!),
    reasons: p.lossReasons.filter((r) => r.active).map((r) => ({ key: r.id, id: r.id, name: r.name })),
  };
}

/** 商机管道 settings: stages (drag to reorder), win probabilities, end states and loss reasons. */
export default function PipelineSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pipelines = usePipelines();
  const invalidate = useInvalidatePipeline();
  const handleError = useApiErrorHandler();
  const template = useTemplatePipeline();
  const [active, setActive] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const current = pipelines.data?.find((p) => p.id === active) ?? pipelines.data?.[0];

  return (
    <div>
      <PageHeader
        title={t('pipeline.settings.title')}
        subtitle={t('pipeline.settings.subtitle')}
        extra={
          (pipelines.data?.length ?? 0) > 0 && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="pipeline-settings-create"
            >
              {t('pipeline.settings.create')}
            </Button>
          )
        }
      />
      <QueryErrorAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      {pipelines.isLoading ? (
        <Skeleton active />
      ) : !current ? (
        <PipelineEmpty />
      ) : (
        <Tabs
          activeKey={current.id}
          onChange={setActive}
          items={(pipelines.data ?? []).map((p) => ({
            key: p.id,
            label: (
              <span>
                {p.name} {p.isDefault && <Tag color="blue">{t('pipeline.settings.isDefault')}</Tag>}
              </span>
            ),
            children: <PipelineEditor pipeline={p} />,
          }))}
        />
      )}
      <Modal
        open={creating}
        title={t('pipeline.settings.createTitle')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        onOk={async () => {
          const { name } = await form.validateFields();
          try {
            const p = await pipelineApi.createPipeline({ ...template(), name: name.trim() });
            void message.success(t('pipeline.settings.created'));
            invalidate();
            setActive(p.id);
            setCreating(false);
          } catch (err) {
            handleError(err, { form });
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={t('pipeline.settings.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

function PipelineEditor({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidatePipeline();
  const handleError = useApiErrorHandler();
  const [draft, setDraft] = useState<Draft>(() => toDraft(pipeline));
  useEffect(() => setDraft(toDraft(pipeline)), [pipeline]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const setStage = (key: string, patch: Partial<StageRow>) =>
    setDraft((d) => ({ ...d, stages: d.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over || e.active.id === e.over.id) return;
    setDraft((d) => {
      const from = d.stages.findIndex((s) => s.key === e.active.id);
      const to = d.stages.findIndex((s) => s.key === e.over!.id);
      return { ...d, stages: arrayMove(d.stages, from, to) };
    });
  };
  const save = async (extra: { isDefault?: true } = {}) => {
    try {
      const strip = ({ id, name, probability }: StageRow) => ({
        ...(id ? { id } : {}),
        name: name.trim(),
        probability,
      });
      await pipelineApi.updatePipeline(pipeline.id, {
        version: pipeline.version,
        name: draft.name.trim(),
        ...extra,
        stages: [
          ...draft.stages.map((s) => ({ ...strip(s), kind: 'open' as const })),
          { ...strip(draft.won), kind: 'won' as const },
          { ...strip(draft.lost), kind: 'lost' as const },
        ],
        lossReasons: draft.reasons
          .filter((r) => r.name.trim())
          .map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim() })),
      });
      void message.success(t('pipeline.settings.saved'));
    } catch (err) {
      handleError(err);
      if (isApiError(err) && err.code === 'VERSION_CONFLICT') setDraft(toDraft(pipeline));
    } finally {
      invalidate();
    }
  };
  const valid =
    draft.name.trim() !== '' &&
    draft.stages.length > 0 &&
    [...draft.stages, draft.won, draft.lost].every((s) => s.name.trim() !== '');

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }} data-testid="pipeline-editor">
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('pipeline.settings.name')}</Typography.Text>
        <Input
          value={draft.name}
          onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          maxLength={100}
          style={{ width: 280 }}
          aria-label={t('pipeline.settings.name')}
        />
        {!pipeline.isDefault && (
          <Button icon={<StarOutlined />} onClick={() => void save({ isDefault: true })}>
            {t('pipeline.settings.makeDefault')}
          </Button>
        )}
      </Flex>
      <Card size="small" title={t('pipeline.settings.stages')}>
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={draft.stages.map((s) => s.key)} strategy={verticalListSortingStrategy}>
            <Flex vertical gap={8}>
              {draft.stages.map((s) => (
                <SortableStage
                  key={s.key}
                  row={s}
                  onChange={(patch) => setStage(s.key, patch)}
                  onRemove={
                    draft.stages.length > 1
                      ? () => setDraft((d) => ({ ...d, stages: d.stages.filter((x) => x.key !== s.key) }))
                      : undefined
                  }
                />
              ))}
            </Flex>
          </SortableContext>
        </DndContext>
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          disabled={draft.stages.length >= 18}
          onClick={() =>
            setDraft((d) => ({
              ...d,
              stages: [
                ...d.stages,
                { key: newKey(), name: t('pipeline.settings.newStage'), probability: 50 },
              ],
            }))
          }
        >
          {t('pipeline.settings.addStage')}
        </Button>
      </Card>
      <Card size="small" title={t('pipeline.settings.endStages')}>
        <Flex gap={16} wrap>
          <label>
            <Typography.Text type="secondary">{t('pipeline.settings.wonStage')}</Typography.Text>
            <Input
              value={draft.won.name}
              onChange={(e) => setDraft((d) => ({ ...d, won: { ...d.won, name: e.target.value } }))}
              maxLength={50}
            />
          </label>
          <label>
            <Typography.Text type="secondary">{t('pipeline.settings.lostStage')}</Typography.Text>
            <Input
              value={draft.lost.name}
              onChange={(e) => setDraft((d) => ({ ...d, lost: { ...d.lost, name: e.target.value } }))}
              maxLength={50}
            />
          </label>
        </Flex>
      </Card>
      <Card size="small" title={t('pipeline.settings.lossReasons')}>
        <Flex vertical gap={8}>
          {draft.reasons.map((r) => (
            <Flex key={r.key} gap={8}>
              <Input
                value={r.name}
                maxLength={100}
                aria-label={t('pipeline.settings.reasonName')}
                onChange={(e) =>
                  setDraft((d) => ({
                    ...d,
                    reasons: d.reasons.map((x) => (x.key === r.key ? { ...x, name: e.target.value } : x)),
                  }))
                }
              />
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => setDraft((d) => ({ ...d, reasons: d.reasons.filter((x) => x.key !== r.key) }))}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => setDraft((d) => ({ ...d, reasons: [...d.reasons, { key: newKey(), name: '' }] }))}
          >
            {t('pipeline.settings.addReason')}
          </Button>
        </Flex>
      </Card>
      <Flex justify="space-between">
        <Popconfirm
          title={t('pipeline.settings.deleteConfirm', { name: pipeline.name })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={async () => {
            try {
              await pipelineApi.deletePipeline(pipeline.id);
              void message.success(t('pipeline.settings.deleted'));
            } catch (err) {
              handleError(err);
            } finally {
              invalidate();
            }
          }}
        >
          <Button danger>{t('pipeline.settings.delete')}</Button>
        </Popconfirm>
        <Button
          type="primary"
          disabled={!valid}
          onClick={() => void save()}
          data-testid="pipeline-settings-save"
        >
          {t('pipeline.settings.save')}
        </Button>
      </Flex>
    </Flex>
  );
}

function SortableStage({
  row,
  onChange,
  onRemove,
}: {
  row: StageRow;
  onChange: (patch: Partial<StageRow>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: row.key,
  });
  return (
    <Flex
      ref={setNodeRef}
      gap={8}
      align="center"
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      data-testid="pipeline-stage-row"
    >
      <Button
        type="text"
        icon={<HolderOutlined />}
        aria-label={t('pipeline.settings.dragHint')}
        style={{ cursor: 'grab' }}
        {...attributes}
        {...listeners}
      />
      <Input
        value={row.name}
        onChange={(e) => onChange({ name: e.target.value })}
        maxLength={50}
        aria-label={t('pipeline.settings.stageName')}
        style={{ flex: 1 }}
      />
      <InputNumber
        value={row.probability}
        min={0}
        max={100}
        precision={0}
        addonAfter="%"
        onChange={(v) => onChange({ probability: v ?? 0 })}
        aria-label={t('pipeline.settings.probability')}
        style={{ width: 120 }}
      />
      {onRemove && (
        <Popconfirm
          title={t('pipeline.settings.removeStageConfirm', { name: row.name })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onRemove}
        >
          <Button icon={<DeleteOutlined />} aria-label={t('pipeline.settings.removeStage')} />
        </Popconfirm>
      )}
    </Flex>
  );
}
