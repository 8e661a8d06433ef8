import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CovenantConfig, loadConfig } from './covenant-config';

export const COVENANT_CONFIG = Symbol('COVENANT_CONFIG');

/**
 * Validated configuration as an injectable value. @nestjs/config's ConfigModule runs our validator,
 * so a wrong variable stops the module from compiling with the variable's name in the message.
 */
@Global()
@Module({})
export class CovenantConfigModule {
  static forRoot(config?: CovenantConfig): DynamicModule {
    const resolved = config ?? loadConfig();
    return {
      module: CovenantConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: (env) => ({ ...env, ...(config ? {} : loadConfig(env)) }) })],
      providers: [{ provide: COVENANT_CONFIG, useValue: resolved }],
      exports: [COVENANT_CONFIG],
    };
  }
}
