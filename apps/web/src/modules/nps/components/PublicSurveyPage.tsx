import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Result, Skeleton, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { NPS_COMMENT_MAX } from '@stratum/contracts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../../app/api/errors.ts';
import { useErrorText } from '../../../app/hooks/useApiError.ts';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch.tsx';
import { npsApi } from '../api.ts';
import { usePublicSurvey } from '../hooks/useNps.ts';
import { CATEGORY_COLOR, categoryOf } from '../lib/nps.ts';
import '../nps.css';

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/** Why a link cannot be answered, from the server's stable codes. */
function Closed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [status, title, detail, testId] = isApiError(error, 'NPS_ALREADY_ANSWERED')
    ? (['success', t('nps.survey.used'), t('nps.survey.usedDetail'), 'survey-used'] as const)
    : isApiError(error, 'NPS_SURVEY_EXPIRED')
      ? (['warning', t('nps.survey.expired'), t('nps.survey.expiredDetail'), 'survey-expired'] as const)
      : isApiError(error, 'NPS_SURVEY_REVOKED')
        ? (['warning', t('nps.survey.revoked'), t('nps.survey.expiredDetail'), 'survey-revoked'] as const)
        : isApiError(error, 'NOT_FOUND')
          ? (['404', t('nps.survey.notFound'), t('nps.survey.notFoundDetail'), 'survey-not-found'] as const)
          : isApiError(error, 'TOO_MANY_ATTEMPTS')
            ? (['warning', t('nps.survey.tooMany'), errorText(error), 'survey-error'] as const)
            : (['error', t('nps.survey.error'), errorText(error), 'survey-error'] as const);
  const retryable = testId === 'survey-error';
  return (
    <div data-testid={testId}>
      <Result
        status={status}
        title={title}
        subTitle={detail}
        extra={
          retryable ? (
            <Button onClick={onRetry} data-testid="survey-retry">
              {t('nps.survey.retry')}
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}

/**
 * The public survey page (`/s/:token`, no sign-in): who asks, the 0–10 question, an optional comment,
 * then a thank-you; a used, expired or revoked link says so. Language: the browser's (or the switch).
 */
export default function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const survey = usePublicSurvey(token);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missingScore, setMissingScore] = useState(false);
  const answer = useMutation({
    mutationFn: () => npsApi.answer(token, { score: score!, ...(comment.trim() ? { comment } : {}) }),
  });

  useEffect(() => {
    document.title = t('nps.survey.title');
  }, [t]);

  const submit = () => {
    if (score === null) {
      setMissingScore(true);
      return;
    }
    answer.mutate();
  };
  // A submission refused because the link closed meanwhile shows the same page as opening it closed.
  const closedOnSubmit =
    answer.error &&
    (isApiError(answer.error, 'NPS_ALREADY_ANSWERED') ||
      isApiError(answer.error, 'NPS_SURVEY_EXPIRED') ||
      isApiError(answer.error, 'NPS_SURVEY_REVOKED') ||
      isApiError(answer.error, 'NOT_FOUND'));

  let body;
  if (survey.isPending) body = <Skeleton active />;
  else if (survey.error) body = <Closed error={survey.error} onRetry={() => void survey.refetch()} />;
  else if (answer.isSuccess)
    body = (
      <div data-testid="survey-thanks">
        <Result status="success" title={t('nps.survey.thanks')} subTitle={t('nps.survey.thanksDetail')} />
      </div>
    );
  else if (closedOnSubmit) body = <Closed error={answer.error} onRetry={() => answer.reset()} />;
  else
    body = (
      <Flex vertical gap={20} data-testid="survey-form">
        <div>
          <Typography.Text type="secondary" data-testid="survey-from">
            {t('nps.survey.from', { workspace: survey.data.workspaceName })}
          </Typography.Text>
          <Typography.Title level={4} style={{ marginTop: 8 }}>
            {t('nps.survey.question')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="survey-customer">
            {t('nps.survey.for', { customer: survey.data.customerName })}
          </Typography.Text>
        </div>
        <div>
          <div className="nps-scale" role="radiogroup" aria-label={t('nps.survey.question')}>
            {SCORES.map((s) => {
              const selected = score === s;
              return (
                <button
                  key={s}
                  type="button"
                  role="radio"
                  aria-checked={selected}
                  className={`nps-scale-button${selected ? ' is-selected' : ''}`}
                  style={selected ? { background: CATEGORY_COLOR[categoryOf(s)] } : undefined}
                  onClick={() => {
                    setScore(s);
                    setMissingScore(false);
                  }}
                  data-testid={`survey-score-${s}`}
                >
                  {s}
                </button>
              );
            })}
          </div>
          <Flex justify="space-between" className="nps-scale-legend">
            <Typography.Text type="secondary">0 · {t('nps.survey.unlikely')}</Typography.Text>
            <Typography.Text type="secondary">{t('nps.survey.likely')} · 10</Typography.Text>
          </Flex>
          {missingScore && (
            <Typography.Text type="danger" data-testid="survey-pick-score">
              {t('nps.survey.pickScore')}
            </Typography.Text>
          )}
        </div>
        <div>
          <Typography.Text>{t('nps.survey.comment')}</Typography.Text>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={NPS_COMMENT_MAX}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('nps.survey.commentPlaceholder')}
            style={{ marginTop: 8 }}
            data-testid="survey-comment"
          />
        </div>
        {answer.error && !closedOnSubmit && (
          <Alert type="error" showIcon message={errorText(answer.error)} data-testid="survey-submit-error" />
        )}
        <Button
          type="primary"
          size="large"
          block
          loading={answer.isPending}
          onClick={submit}
          data-testid="survey-submit"
        >
          {t('nps.survey.submit')}
        </Button>
      </Flex>
    );

  return (
    <div className="nps-public" data-testid="survey-page">
      <Flex justify="end" className="nps-public-top">
        <LanguageSwitch />
      </Flex>
      <Card className="nps-public-card">{body}</Card>
    </div>
  );
}
