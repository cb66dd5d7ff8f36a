/**
 * The AWS plugin (kind `aws`): resources of configured CloudFormation types through the Cloud
 * Control API, across accounts and regions (source.ts).
 */
import type { SourcePlugin } from '../../src/data/SourcePlugin.ts';
import { createAwsSource } from './source.ts';

export const aws: SourcePlugin = { kind: 'aws', create: createAwsSource };
