import { useEffect, useState } from 'react';
import { Card, Steps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { QueryErrorAlert } from '../../../app/components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../../app/hooks/useApiError.ts';
import { IMPORT_KINDS, importsApi } from '../api.ts';
import type { ImportKind, ImportUpload } from '../api.ts';
import { IMPORT_JOBS_KEY, useImportJob } from '../hooks/useImportJob.ts';
import { initialMapping, mappingBody } from '../lib/mapping.ts';
import type { ColumnMapping } from '../lib/mapping.ts';
import { CheckStep } from './CheckStep.tsx';
import { JobProgressView } from './JobProgressView.tsx';
import { MappingStep } from './MappingStep.tsx';
import type { ImportOptions } from './MappingStep.tsx';
import { ResultStep } from './ResultStep.tsx';
import { UploadStep } from './UploadStep.tsx';
import '../imports.css';

type Step = 'upload' | 'mapping' | 'check' | 'run';
const STEPS = ['upload', 'mapping', 'check', 'run', 'result'] as const;
const DEFAULT_OPTIONS: ImportOptions = { onDuplicate: 'skip', createCustomers: false, cancelPrefix: '' };

/** The import wizard: upload → map columns → check (dry run) → import with progress → result. */
export default function ImportPage() {
  const { t } = useTranslation();
  const handleError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind') as ImportKind | null;
  const kind: ImportKind = kindParam && IMPORT_KINDS.includes(kindParam) ? kindParam : 'customers';

  const [step, setStep] = useState<Step>('upload');
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [options, setOptions] = useState<ImportOptions>(DEFAULT_OPTIONS);
  const [checkJob, setCheckJob] = useState<string | null>(null);
  const [runJob, setRunJob] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const preview = useQuery({
    queryKey: ['imports', 'preview', upload?.id, kind, sheet],
    queryFn: ({ signal }) => importsApi.preview(upload!.id, kind, sheet, signal),
    enabled: upload !== null,
    staleTime: Infinity,
    retry: false,
  });
  // A new file, kind or sheet starts from the automatic mapping.
  useEffect(() => {
    if (preview.data) setMapping(initialMapping(preview.data));
  }, [preview.data]);

  const check = useImportJob(checkJob);
  const run = useImportJob(runJob);
  const finished = run.data?.status === 'succeeded' || run.data?.status === 'failed';
  useEffect(() => {
    if (run.data?.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['customers'] });
    if (finished) void queryClient.invalidateQueries({ queryKey: [...IMPORT_JOBS_KEY, 'recent'] });
  }, [run.data?.status, finished, queryClient]);

  const restart = () => {
    setStep('upload');
    setUpload(null);
    setSheet(undefined);
    setCheckJob(null);
    setRunJob(null);
    setOptions(DEFAULT_OPTIONS);
  };
  const start = async (dryRun: boolean) => {
    if (!upload || !preview.data) return;
    setStarting(true);
    try {
      const { jobId } = await importsApi.start({
        uploadId: upload.id,
        kind,
        sheet: preview.data.sheet ?? undefined,
        mapping: mappingBody(preview.data.columns, mapping),
        onDuplicate: options.onDuplicate,
        dryRun,
        createCustomers: kind !== 'customers' && options.createCustomers,
        cancelPrefix:
          kind === 'orders' && options.cancelPrefix.trim() ? options.cancelPrefix.trim() : undefined,
      });
      void queryClient.invalidateQueries({ queryKey: [...IMPORT_JOBS_KEY, 'recent'] });
      if (dryRun) {
        setCheckJob(jobId);
        setStep('check');
      } else {
        setRunJob(jobId);
        setStep('run');
      }
    } catch (err) {
      handleError(err);
    } finally {
      setStarting(false);
    }
  };

  const current = step === 'run' && finished ? 4 : STEPS.indexOf(step);
  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Card>
        <Steps
          current={current}
          size="small"
          style={{ marginBottom: 24 }}
          items={STEPS.map((s) => ({ key: s, title: t(`imports.steps.${s}`) }))}
          data-testid="import-steps"
        />
        {step === 'upload' && (
          <UploadStep
            kind={kind}
            onKind={(k) => setParams({ kind: k }, { replace: true })}
            onUploaded={(u) => {
              setUpload(u);
              setSheet(undefined);
              setStep('mapping');
            }}
          />
        )}
        {step !== 'upload' && preview.error && <QueryErrorAlert error={preview.error} onRetry={restart} />}
        {step === 'mapping' && upload && preview.data && (
          <MappingStep
            kind={kind}
            upload={upload}
            preview={preview.data}
            sheet={sheet}
            onSheet={setSheet}
            mapping={mapping}
            onMapping={setMapping}
            options={options}
            onOptions={setOptions}
            onBack={restart}
            onValidate={() => void start(true)}
            busy={starting}
          />
        )}
        {step === 'check' && preview.data && (
          <CheckStep
            preview={preview.data}
            mapping={mapping}
            job={check.data}
            onBack={() => setStep('mapping')}
            onRestart={restart}
            onRun={() => void start(false)}
            busy={starting}
          />
        )}
        {step === 'run' && !finished && <JobProgressView job={run.data} label={t('imports.run.hint')} />}
        {step === 'run' && finished && run.data && (
          <ResultStep job={run.data} fields={preview.data?.fields} onAgain={restart} />
        )}
      </Card>
    </>
  );
}
