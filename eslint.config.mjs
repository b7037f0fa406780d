// Lint keeps the layers apart (docs/architecture.md): imports point inward, and botbuilder's own
// behaviour is replaced only in src/framework (docs/botbuilder-overrides.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const INFRASTRUCTURE = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'redis',
  '@redis/*',
  'restify',
  'twilio',
  'child_process',
  'node:child_process',
];

/** Relative imports out of a folder, by the folder they reach. */
const reaching = (...folders) => folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]);

/** Every folder's import rules include this one: a rule set later replaces the earlier one. */
const BOTBUILDER_DEEP_IMPORTS = {
  group: ['botbuilder*/lib/**', 'botframework-*/lib/**'],
  message: "botbuilder's internals are reached only from src/framework.",
};

/** botbuilder members whose behaviour an override replaces: only src/framework may redefine them. */
const BOTBUILDER_INTERNALS = ['createChildContext', 'processActivity', 'runMiddleware', 'continueComponent', 'loadInternal'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Modules no first reply needs load on first use (docs/performance.md#start-up): a lazy
      // require() typed as `typeof import(...)` is how, so both are allowed.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // The SMS, TwiML and calendar sanitisers match control characters on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: `MethodDefinition[override=true][key.name=/^(${BOTBUILDER_INTERNALS.join('|')})$/]`,
          message: 'This replaces botbuilder behaviour: it belongs in src/framework, with a row in docs/botbuilder-overrides.md.',
        },
        {
          selector:
            'ClassDeclaration[superClass.name=/Prompt$/] MethodDefinition[override=true][key.name=/^(beginDialog|continueDialog|resumeDialog|onDialogEvent|endDialog)$/]',
          message: "A prompt's lifecycle is botbuilder's (or src/framework/nativePrompts.ts); a prompt supplies onPrompt and onRecognize.",
        },
        {
          selector:
            'ClassDeclaration[superClass.name=/^(BotState|ConversationState|UserState)$/] MethodDefinition[override=true][key.name=/^(load|get|saveChanges|clear|delete)$/]',
          message: "Bot state's loading and saving are botbuilder's (or src/framework/fencedConversationState.ts).",
        },
        {
          selector: "MemberExpression[object.name='require'][property.name='cache']",
          message: "Node's module cache is changed only by src/framework/startup.",
        },
      ],
      'no-restricted-imports': ['error', { patterns: [BOTBUILDER_DEEP_IMPORTS] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            BOTBUILDER_DEEP_IMPORTS,
            { group: INFRASTRUCTURE, message: 'The domain is plain TypeScript: no botbuilder, Redis, HTTP or process imports.' },
            {
              group: reaching('infra', 'http', 'channels', 'bot', 'framework', 'composition', 'reliability', 'cards', 'dialogs'),
              message: 'The domain imports nothing from the outer rings.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            BOTBUILDER_DEEP_IMPORTS,
            {
              group: ['redis', '@redis/*', 'restify', 'twilio', 'child_process', 'node:child_process'],
              message: 'Dialogs reach storage and channels only through the services they are given.',
            },
            {
              group: reaching('infra', 'http', 'channels', 'composition'),
              message: 'Dialogs are given their parts (dialogs/services.ts); the composition root wires them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/composition/**', 'src/main.ts', 'src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [BOTBUILDER_DEEP_IMPORTS, { group: reaching('composition'), message: 'Only src/main.ts starts the composition root.' }],
        },
      ],
    },
  },
  {
    files: ['src/framework/**/*.ts', 'test/framework/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-imports': 'off' },
  },
  prettier,
);
