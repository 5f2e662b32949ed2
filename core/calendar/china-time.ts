// China time is shared with the county center and common/assessment.ts, so it lives in common/.
export * from '../../common/china-time';
