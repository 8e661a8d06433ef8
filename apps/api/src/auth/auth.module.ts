import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { tokenKeysFrom } from '@covenant/application/auth/tokens';
import { COVENANT_CONFIG } from '@covenant/application/config/config.module';
import type { CovenantConfig } from '@covenant/application/config/covenant-config';
import { CommandsModule } from '@covenant/application/commands/commands.module';
import { ProjectionsModule } from '@covenant/application/projections/projections.module';
import { AuthGuard, TOKEN_KEYS } from './auth.guard';
import { ScopeResolver } from './scope-resolver';

/** Bearer-token authentication and the access policy, applied to every route by one global guard. */
@Global()
@Module({
  imports: [CommandsModule, ProjectionsModule],
  providers: [
    { provide: TOKEN_KEYS, inject: [COVENANT_CONFIG], useFactory: (config: CovenantConfig) => tokenKeysFrom(config) },
    ScopeResolver,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [TOKEN_KEYS],
})
export class AuthModule {}
