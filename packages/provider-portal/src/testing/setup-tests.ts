import { installMswServer } from '@civic/shared/web/testing';

installMswServer();
